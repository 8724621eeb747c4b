import type { ContactFlowEvent } from '../../src/interpreter';
import { act, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const streaming = (Identifier: string, MediaStreamingState: 'Enabled' | 'Disabled', NextAction: string) =>
  act(
    Identifier,
    'UpdateContactMediaStreamingBehavior',
    { MediaStreamingState, MediaStreamType: 'Audio', Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From'] }] },
    { NextAction, Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
  );

const invoke = (Identifier: string, NextAction: string) =>
  act(Identifier, 'InvokeLambdaFunction', { LambdaFunctionARN: 'engage', InvocationTimeLimitSeconds: '8', ResponseValidation: { ResponseType: 'JSON' } }, { NextAction });

describe('UpdateContactMediaStreamingBehavior', () => {
  it('starts and stops the customer stream, visible to the flow and to Lambdas', async () => {
    const seen: ContactFlowEvent[] = [];
    const flow = flowOf(
      streaming('start', 'Enabled', 'engage'),
      invoke('engage', 'copy'),
      act('copy', 'UpdateContactAttributes', { Attributes: { stream: '$.MediaStreams.Customer.Audio.StreamARN' } }, { NextAction: 'stop' }),
      streaming('stop', 'Disabled', 'after'),
      invoke('after', 'hangUp'),
      hangUp(),
      ...routeTo('failed'),
    );
    const result = await run(flow, {
      contact: { contactId: 'c-7' },
      invokeLambda: async (_arn, event) => {
        seen.push(event);
        return {};
      },
    });
    const streamArn = result.attributes.stream;
    expect(streamArn).toMatch(/^arn:aws:kinesisvideo:us-east-1:111122223333:stream\/.*c-7/);
    expect(eventsOfType(result, 'mediaStreaming')).toEqual([
      { type: 'mediaStreaming', identifier: 'start', state: 'started', streamArn, at: 0 },
      { type: 'mediaStreaming', identifier: 'stop', state: 'stopped', streamArn, at: 0 },
    ]);
    const [whileStreaming, afterStop] = seen.map((event) => event.Details.ContactData.MediaStreams.Customer.Audio);
    expect(whileStreaming).toEqual({ StreamARN: streamArn, StartTimestamp: expect.stringMatching(/^\d+$/), StartFragmentNumber: expect.stringMatching(/^\d+$/) });
    expect(afterStop).toMatchObject({ StreamARN: streamArn, StopTimestamp: expect.stringMatching(/^\d+$/) });
  });

  it('changes nothing when asked to start a stream that is already running', async () => {
    const result = await run(flowOf(streaming('start', 'Enabled', 'hangUp'), hangUp(), ...routeTo('failed')), { contact: { mediaStreaming: true } });
    expect(eventsOfType(result, 'mediaStreaming')).toEqual([]);
    expect(result.endReason).toBe('disconnected');
  });

  it('fails when the instance has no live media streaming', async () => {
    const result = await run(flowOf(streaming('start', 'Enabled', 'hangUp'), hangUp(), ...routeTo('failed')), { liveMediaStreaming: false });
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'error')[0]?.message).toBe('live media streaming is not enabled on this instance');
  });
});
