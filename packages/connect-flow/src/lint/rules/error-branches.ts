import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

// A warning: Connect publishes flows without error branches (an unhandled failure then ends the contact), and real
// flows exported from Connect leave them out, e.g. on Play prompt.
export const errorBranches: LintRule = {
  id: 'error-branches',
  severity: 'warning',
  description: 'An action that can fail has a branch for it (Compare: NoMatchingCondition or a NextAction); without one a failure ends the flow',
  check: ({ flow }) =>
    flow.Actions.flatMap((action) => {
      const info = actionTypeInfo(action.Type);
      if (info === undefined || info.errors.length === 0) return [];
      const handled = new Set((action.Transitions.Errors ?? []).map((error) => error.ErrorType));
      if (action.Type === 'Compare' || action.Type === 'DistributeByPercentage') {
        if (handled.has('NoMatchingCondition') || action.Transitions.NextAction !== undefined) return [];
        return [{ actionId: action.Identifier, message: `${action.Type} has no NoMatchingCondition branch and no NextAction` }];
      }
      if (handled.has('NoMatchingError') || info.errors.every((errorType) => handled.has(errorType))) return [];
      return [
        {
          actionId: action.Identifier,
          message: `${action.Type} has no NoMatchingError branch in Transitions.Errors: a failure here ends the flow`,
        },
      ];
    }),
};
