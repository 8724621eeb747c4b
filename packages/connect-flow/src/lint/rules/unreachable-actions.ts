import { actionEdges } from '../../edges';
import type { LintRule } from '../types';

export const unreachableActions: LintRule = {
  id: 'unreachable-actions',
  severity: 'error',
  description: 'Every action can be reached from StartAction',
  check: ({ flow, actionsById }) => {
    // Without a valid start there is no reachability to speak of; start-action-exists reports that.
    if (!actionsById.has(flow.StartAction)) return [];
    const reached = new Set<string>([flow.StartAction]);
    const pending = [flow.StartAction];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      const action = actionsById.get(id);
      for (const { target } of action === undefined ? [] : actionEdges(action)) {
        if (!reached.has(target)) {
          reached.add(target);
          pending.push(target);
        }
      }
    }
    return flow.Actions.filter((action) => !reached.has(action.Identifier)).map((action) => ({
      actionId: action.Identifier,
      message: `no transition leads here from StartAction "${flow.StartAction}"`,
    }));
  },
};
