import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

export const nextActionRequired: LintRule = {
  id: 'next-action-required',
  severity: 'error',
  description: 'Every action that does not end the flow says where to go next (Transitions.NextAction)',
  check: ({ flow }) =>
    flow.Actions.flatMap((action) => {
      const info = actionTypeInfo(action.Type);
      if (info === undefined || info.terminal || info.mayRunUntilCallEnds || action.Transitions.NextAction !== undefined) return [];
      return [{ actionId: action.Identifier, message: `${action.Type} has no Transitions.NextAction: the flow would stop here` }];
    }),
};
