import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

export const errorBranches: LintRule = {
  id: 'error-branches',
  severity: 'error',
  description: 'Every action that can fail (or, for Compare, match nothing) has the error branch for it',
  check: ({ flow }) =>
    flow.Actions.flatMap((action) => {
      const handled = new Set((action.Transitions.Errors ?? []).map((error) => error.ErrorType));
      return (actionTypeInfo(action.Type)?.requiredErrors ?? [])
        .filter((errorType) => !handled.has(errorType))
        .map((errorType) => ({
          actionId: action.Identifier,
          message: `${action.Type} has no ${errorType} branch in Transitions.Errors`,
        }));
    }),
};
