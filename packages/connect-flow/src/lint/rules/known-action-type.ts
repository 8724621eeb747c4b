import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

// A warning, not an error: Connect has more action types than the linter knows; it just cannot check them.
export const knownActionType: LintRule = {
  id: 'known-action-type',
  severity: 'warning',
  description: 'Action types are ones the linter knows, so typos such as "InvokeLambda" do not slip through',
  check: ({ flow }) =>
    flow.Actions.filter((action) => actionTypeInfo(action.Type) === undefined).map((action) => ({
      actionId: action.Identifier,
      message: `unknown action type "${action.Type}": its parameters and branches were not checked`,
    })),
};
