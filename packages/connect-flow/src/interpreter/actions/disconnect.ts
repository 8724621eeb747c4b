import type { ActionHandler } from '../scope';

/** DisconnectParticipant ("Disconnect / hang up"): the flow hangs up. */
export const disconnectParticipant: ActionHandler = async (scope) => {
  scope.session.emit({ type: 'disconnect', by: 'flow', identifier: scope.action.Identifier });
  return { kind: 'endCall', reason: 'disconnected' };
};
