import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

export const requiredErrorBranches: LintRule = {
  id: 'required-error-branches',
  severity: 'error',
  description: 'Actions Connect will not import without certain error branches have them (Set callback number: InvalidCallbackNumber, CallbackNumberNotDialable)',
  check: ({ flow }) =>
    flow.Actions.flatMap((action) => {
      const handled = new Set((action.Transitions.Errors ?? []).map((error) => error.ErrorType));
      const missing = (actionTypeInfo(action.Type)?.requiredErrors ?? []).filter((errorType) => !handled.has(errorType));
      return missing.length === 0
        ? []
        : [{ actionId: action.Identifier, message: `${action.Type} needs error branches ${missing.join(', ')}: Connect rejects the flow without them` }];
    }),
};
