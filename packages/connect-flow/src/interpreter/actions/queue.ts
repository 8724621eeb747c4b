import { z } from 'zod';
import { ActionFailure } from '../failures';
import { parseParameters } from '../parameters';
import { type ActionHandler, NEXT } from '../scope';

const targetParametersSchema = z
  .object({ QueueId: z.string().optional(), AgentId: z.string().optional() })
  .refine((parameters) => (parameters.QueueId === undefined) !== (parameters.AgentId === undefined), 'exactly one of QueueId and AgentId is required');

/**
 * UpdateContactTargetQueue ("Set working queue"): sets `$.Queue`. The sandbox has no queue directory, so an id
 * becomes an ARN under the instance and the name is the id.
 */
export const updateContactTargetQueue: ActionHandler = async (scope) => {
  const { QueueId, AgentId } = parseParameters(scope.action, targetParametersSchema);
  const { contact } = scope.session;
  const [kind, id] =
    QueueId !== undefined ? (['queue', scope.reference('QueueId', QueueId)] as const) : (['agent', scope.reference('AgentId', AgentId ?? '')] as const);
  const arn = id.startsWith('arn:') ? id : `${contact.instanceArn}/${kind}/${id}`;
  contact.queue = { ARN: arn, Name: arn.slice(arn.lastIndexOf('/') + 1) };
  scope.session.emit({ type: 'queue', identifier: scope.action.Identifier, action: 'setTarget', target: arn });
  return NEXT;
};

/** TransferContactToQueue ("Transfer to queue"): the call leaves the flow for the working queue; fails without one. */
export const transferContactToQueue: ActionHandler = async (scope) => {
  const queue = scope.session.contact.queue;
  if (queue === undefined) throw new ActionFailure('NoMatchingError', 'no working queue is set (use Set working queue first)');
  scope.session.emit({ type: 'queue', identifier: scope.action.Identifier, action: 'transfer', target: queue.ARN });
  return { kind: 'endCall', reason: 'transferredToQueue' };
};

/** TransferContactToAgent ("Transfer to agent"): the call leaves the flow for the agent. */
export const transferContactToAgent: ActionHandler = async (scope) => {
  scope.session.emit({ type: 'queue', identifier: scope.action.Identifier, action: 'transfer', target: 'agent' });
  return { kind: 'endCall', reason: 'transferredToAgent' };
};

const dequeueParametersSchema = z.object({ QueueId: z.string() });

/** DequeueContactAndTransferToQueue: the queued contact moves to another queue and leaves this flow. */
export const dequeueContactAndTransferToQueue: ActionHandler = async (scope) => {
  const { QueueId } = parseParameters(scope.action, dequeueParametersSchema);
  const target = scope.reference('QueueId', QueueId);
  scope.session.emit({ type: 'queue', identifier: scope.action.Identifier, action: 'transfer', target });
  return { kind: 'endCall', reason: 'transferredToQueue' };
};
