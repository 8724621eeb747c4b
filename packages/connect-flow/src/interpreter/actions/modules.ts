import { z } from 'zod';
import { describeAction, FlowDefinitionError } from '../failures';
import { parseParameters } from '../parameters';
import type { ActionHandler } from '../scope';

const invokeParametersSchema = z.object({ FlowModuleId: z.string().min(1) });

/**
 * InvokeFlowModule: runs the module (own FlowAttributes and External, shared contact attributes). Return → this
 * action's NextAction (Success); a module failure → its NoMatchingError (Error).
 */
export const invokeFlowModule: ActionHandler = async (scope) => {
  const { FlowModuleId } = parseParameters(scope.action, invokeParametersSchema);
  if (scope.frame.moduleId !== undefined) {
    throw new FlowDefinitionError(`${describeAction(scope.action)}: a flow module cannot invoke another module`);
  }
  return scope.invokeModule(scope.reference('FlowModuleId', FlowModuleId));
};

/** EndFlowModuleExecution ("Return"): ends the module; the invoking flow continues (a module run alone ends). */
export const endFlowModuleExecution: ActionHandler = async () => ({ kind: 'returnFromModule' });
