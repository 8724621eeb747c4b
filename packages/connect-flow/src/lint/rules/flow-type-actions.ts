import { actionTypeInfo, FLOW_TYPES, type FlowType } from '../action-catalog';
import type { LintRule } from '../types';

// A warning: Metadata.type is console data, and a flow's type is fixed when it is created, not by its content.
export const flowTypeActions: LintRule = {
  id: 'flow-type-actions',
  severity: 'warning',
  description: 'When Metadata.type names the flow type, every action is one the reference allows in that type of flow',
  check: ({ flow }) => {
    const type = flow.Metadata?.type;
    if (typeof type !== 'string' || !(FLOW_TYPES as readonly string[]).includes(type)) return [];
    return flow.Actions.flatMap((action) => {
      const allowed = actionTypeInfo(action.Type)?.flowTypes;
      if (allowed === undefined || allowed.includes(type as FlowType)) return [];
      return [{ actionId: action.Identifier, message: `${action.Type} is not available in ${type} flows (only ${allowed.join(', ')})` }];
    });
  },
};
