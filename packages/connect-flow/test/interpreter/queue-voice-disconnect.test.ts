import { act, actionsRun, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const INSTANCE_ARN = 'arn:aws:connect:us-west-2:444455556666:instance/i-9';

describe('UpdateContactTargetQueue and TransferContactToQueue', () => {
  const queueFlow = (target: Record<string, string>) =>
    flowOf(
      act('setQueue', 'UpdateContactTargetQueue', target, { NextAction: 'remember', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] }),
      act('remember', 'UpdateContactAttributes', { Attributes: { queue: '$.Queue.ARN', queueName: '$.Queue.Name' } }, { NextAction: 'toQueue' }),
      act('toQueue', 'TransferContactToQueue', {}, { Errors: [{ ErrorType: 'QueueAtCapacity', NextAction: 'failed' }, { ErrorType: 'NoMatchingError', NextAction: 'failed' }] }),
      ...routeTo('failed'),
    );

  it('sets $.Queue from a queue id and transfers the call to it', async () => {
    const result = await run(queueFlow({ QueueId: '$.Attributes.queueId' }), { contact: { instanceArn: INSTANCE_ARN, attributes: { queueId: 'q-1' } } });
    expect(result.endReason).toBe('transferredToQueue');
    expect(result.attributes).toMatchObject({ queue: `${INSTANCE_ARN}/queue/q-1`, queueName: 'q-1' });
    expect(eventsOfType(result, 'queue').map(({ action, target }) => [action, target])).toEqual([
      ['setTarget', `${INSTANCE_ARN}/queue/q-1`],
      ['transfer', `${INSTANCE_ARN}/queue/q-1`],
    ]);
  });

  it('keeps a queue ARN as given, and targets an agent by id', async () => {
    expect((await run(queueFlow({ QueueId: `${INSTANCE_ARN}/queue/q-2` }))).attributes.queue).toBe(`${INSTANCE_ARN}/queue/q-2`);
    const agent = await run(queueFlow({ AgentId: 'agent-5' }), { contact: { instanceArn: INSTANCE_ARN } });
    expect(agent.attributes.queue).toBe(`${INSTANCE_ARN}/agent/agent-5`);
  });

  it('fails to set an empty queue id', async () => {
    const result = await run(queueFlow({ QueueId: '$.Attributes.none' }));
    expect(result.attributes.route).toBe('failed');
  });

  it('fails to transfer when no working queue is set', async () => {
    const flow = flowOf(act('toQueue', 'TransferContactToQueue', {}, { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] }), ...routeTo('failed'));
    const result = await run(flow);
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'error')[0]?.message).toMatch(/no working queue is set/);
  });
});

describe('UpdateContactTextToSpeechVoice', () => {
  it('changes $.TextToSpeechVoiceId (Joanna by default)', async () => {
    const flow = flowOf(
      act('before', 'UpdateContactAttributes', { Attributes: { before: '$.TextToSpeechVoiceId' } }, { NextAction: 'voice' }),
      act('voice', 'UpdateContactTextToSpeechVoice', { TextToSpeechVoice: 'Matthew', TextToSpeechEngine: 'neural' }, { NextAction: 'after' }),
      act('after', 'UpdateContactAttributes', { Attributes: { after: '$.TextToSpeechVoiceId' } }, { NextAction: 'hangUp' }),
      hangUp(),
    );
    expect((await run(flow)).attributes).toEqual({ before: 'Joanna', after: 'Matthew' });
  });
});

describe('DisconnectParticipant', () => {
  it('hangs up: the run ends there', async () => {
    const flow = flowOf(hangUp('bye'), act('never', 'UpdateContactAttributes', { Attributes: { x: '1' } }));
    const result = await run(flow);
    expect(result.endReason).toBe('disconnected');
    expect(actionsRun(result)).toEqual(['bye']);
    expect(eventsOfType(result, 'disconnect')).toEqual([{ type: 'disconnect', by: 'flow', identifier: 'bye', at: 0 }]);
  });
});
