import { z } from 'zod';
import type { Flow } from '../../model';
import { parseParameters } from '../parameters';
import type { ActionHandler } from '../scope';

const parametersSchema = z.object({ ContactFlowId: z.string() });

/**
 * TransferToFlow ("Transfer to flow"): the contact continues at the beginning of the target flow (from
 * options.flows, by name, id or ARN). A target the interpreter was not given ends the run as `transferredToFlow`,
 * with a warning naming it, as far as the sandbox can follow the call.
 */
export const transferToFlow: ActionHandler = async (scope) => {
  const { ContactFlowId } = parseParameters(scope.action, parametersSchema);
  const flowId = scope.reference('ContactFlowId', ContactFlowId);
  const flow = findFlow(scope.session.options.flows ?? {}, flowId);
  const identifier = scope.action.Identifier;
  scope.session.emit({ type: 'flowTransfer', identifier, flowId, found: flow !== undefined });
  if (flow !== undefined) return { kind: 'transferToFlow', flow, flowId };
  scope.session.emit({
    type: 'warning',
    identifier,
    message: `flow '${flowId}' was not given to the interpreter (the sandbox: --flows DIR or the scenario's "flows"): the call ends here`,
  });
  return { kind: 'endCall', reason: 'transferredToFlow' };
};

/** EndFlowExecution ("End flow / Resume"): ends a flow that runs beside the call (whisper, hold, customer queue). */
export const endFlowExecution: ActionHandler = async () => ({ kind: 'endCall', reason: 'flowExecutionEnded' });

/** A flow by the key it was given under, its ARN's trailing id, or (for `name` keys) a case-insensitive name. */
export function findFlow(flows: Readonly<Record<string, Flow>>, idOrArn: string): Flow | undefined {
  if (Object.hasOwn(flows, idOrArn)) return flows[idOrArn];
  const id = trailingId(idOrArn);
  const lower = id.toLowerCase();
  return Object.entries(flows).find(([key]) => trailingId(key) === id || key.toLowerCase() === lower)?.[1];
}

function trailingId(idOrArn: string): string {
  return idOrArn.slice(idOrArn.lastIndexOf('/') + 1);
}
