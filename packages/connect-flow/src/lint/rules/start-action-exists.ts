import type { LintRule } from '../types';

export const startActionExists: LintRule = {
  id: 'start-action-exists',
  severity: 'error',
  description: 'StartAction names an action of the flow',
  check: ({ flow, actionsById }) =>
    actionsById.has(flow.StartAction)
      ? []
      : [{ message: `StartAction "${flow.StartAction}" is not the Identifier of any action` }],
};
