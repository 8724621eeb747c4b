import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

export const flowKindActions: LintRule = {
  id: 'flow-kind-actions',
  severity: 'error',
  description: 'InvokeFlowModule only in contact flows (a module cannot invoke a module); EndFlowModuleExecution only in modules',
  check: ({ flow, isModule }) =>
    flow.Actions.flatMap((action) => {
      const allowedIn = actionTypeInfo(action.Type)?.allowedIn ?? 'any';
      if (allowedIn === 'contactFlow' && isModule) {
        return [{ actionId: action.Identifier, message: `${action.Type} is not allowed in a module` }];
      }
      if (allowedIn === 'module' && !isModule) {
        return [
          {
            actionId: action.Identifier,
            message: `${action.Type} is only allowed in a module (a document with Settings)`,
          },
        ];
      }
      return [];
    }),
};
