import { z } from 'zod';
import { startCustomerAudio, stopCustomerAudio } from '../contact';
import { ActionFailure } from '../failures';
import { parseParameters } from '../parameters';
import { type ActionHandler, NEXT } from '../scope';

const parametersSchema = z.object({
  MediaStreamingState: z.enum(['Enabled', 'Disabled']),
  MediaStreamType: z.literal('Audio').optional(),
  Participants: z
    .array(z.object({ ParticipantType: z.literal('Customer'), MediaDirections: z.array(z.enum(['From', 'To'])) }))
    .optional(),
});

/**
 * UpdateContactMediaStreamingBehavior ("Start/Stop media streaming"): maintains `$.MediaStreams.Customer.Audio`.
 * Starting fails when the instance has no live media streaming (options.liveMediaStreaming false); starting while
 * streaming and stopping while not streaming change nothing.
 */
export const updateContactMediaStreamingBehavior: ActionHandler = async (scope) => {
  const { MediaStreamingState } = parseParameters(scope.action, parametersSchema);
  const { session } = scope;
  const identifier = scope.action.Identifier;
  if (MediaStreamingState === 'Enabled') {
    if (session.options.liveMediaStreaming === false) {
      throw new ActionFailure('NoMatchingError', 'live media streaming is not enabled on this instance');
    }
    const before = session.contact.customerAudio;
    const stream = startCustomerAudio(session.contact, session.elapsed());
    if (stream !== before) session.emit({ type: 'mediaStreaming', identifier, state: 'started', streamArn: stream.StreamARN });
  } else {
    const stream = stopCustomerAudio(session.contact, session.elapsed());
    if (stream !== undefined) session.emit({ type: 'mediaStreaming', identifier, state: 'stopped', streamArn: stream.StreamARN });
  }
  return NEXT;
};
