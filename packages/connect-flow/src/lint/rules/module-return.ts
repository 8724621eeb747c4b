import type { LintRule } from '../types';

export const moduleReturn: LintRule = {
  id: 'module-return',
  severity: 'error',
  description: 'A module has at least one EndFlowModuleExecution (Return) action',
  check: ({ flow, isModule }) =>
    isModule && !flow.Actions.some((action) => action.Type === 'EndFlowModuleExecution')
      ? [{ message: 'module has no EndFlowModuleExecution action, so it can never return to the calling flow' }]
      : [],
};
