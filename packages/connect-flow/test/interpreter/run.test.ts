import { type FlowEvent, virtualClock } from '../../src/interpreter';
import { act, actionsRun, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const say = (Identifier: string, Text: string, NextAction: string) => act(Identifier, 'MessageParticipant', { Text }, { NextAction });

describe('runFlow', () => {
  it('passes an action type it does not know through to its NextAction, with a warning naming it', async () => {
    const flow = flowOf(say('hello', 'Hi', 'Brand new'), act('Brand new', 'UpdateSomethingNew', { X: '1' }, { NextAction: 'hangUp' }), hangUp());
    const result = await run(flow);
    expect(result.endReason).toBe('disconnected');
    expect(actionsRun(result)).toEqual(['hello', 'Brand new', 'hangUp']);
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'warning', identifier: 'Brand new', message: expect.stringContaining("action type 'UpdateSomethingNew'") }),
    );
  });

  it('stops with a flow error naming the action when a failure has no error branch', async () => {
    const flow = flowOf(act('transfer', 'TransferContactToQueue', {}, { NextAction: 'hangUp' }), hangUp());
    const result = await run(flow);
    expect(result.endReason).toBe('error');
    expect(result.error).toBe(
      "action 'transfer' (TransferContactToQueue) failed with NoMatchingError and has no error branch for it: no working queue is set (use Set working queue first)",
    );
    expect(eventsOfType(result, 'error')).toEqual([expect.objectContaining({ identifier: 'transfer', handled: false })]);
  });

  it('stops when a transition names an action that does not exist', async () => {
    const result = await run(flowOf(say('hello', 'Hi', 'Missing')));
    expect(result.error).toBe("a transition of action 'hello' (MessageParticipant) names 'Missing', which is not an action of the flow");
  });

  it('ends the call (Connect hangs up) when an action has no transition to follow', async () => {
    const result = await run(flowOf(act('set', 'UpdateContactAttributes', { Attributes: { a: '1' } })));
    expect(result.endReason).toBe('flowEnded');
    expect(eventsOfType(result, 'disconnect')).toEqual([{ type: 'disconnect', by: 'flow', identifier: 'set', at: 0 }]);
  });

  it('ends a loop without waits at the step cap, with a clear error', async () => {
    const flow = flowOf(
      act('spin', 'UpdateFlowAttributes', { FlowAttributes: { n: { Value: 'x' } } }, { NextAction: 'check' }),
      act('check', 'Compare', { ComparisonValue: '$.FlowAttributes.n' }, { NextAction: 'spin' }),
    );
    const result = await run(flow, { maxSteps: 50 });
    expect(result.endReason).toBe('limitExceeded');
    expect(result.error).toBe("step limit of 50 actions reached at action 'spin' (UpdateFlowAttributes): the flow seems to loop without end");
    expect(actionsRun(result)).toHaveLength(50);
  });

  it('ends a loop that waits forever at the call-time cap', async () => {
    const flow = flowOf(say('silence', 'Please hold.', 'silence'));
    const result = await run(flow, { maxCallDurationMs: 10_000 });
    expect(result.endReason).toBe('limitExceeded');
    expect(result.error).toMatch(/call-time limit of 10000 ms reached/);
    expect(result.durationMs).toBe(10_000);
  });

  it('applies the default caps to a runaway flow', async () => {
    const flow = flowOf(act('spin', 'Compare', { ComparisonValue: '$.ContactId' }, { NextAction: 'spin' }));
    const result = await run(flow);
    expect(result.endReason).toBe('limitExceeded');
    expect(result.error).toMatch(/step limit of 100000 actions/);
  });

  it('stops mid-prompt when the caller hangs up, and reports it', async () => {
    const flow = flowOf(say('long', 'x'.repeat(100), 'after'), ...routeTo('after'));
    const result = await run(flow, { hangUpAtMs: 2500 });
    expect(result.endReason).toBe('callerHungUp');
    expect(result.durationMs).toBe(2500);
    expect(result.attributes.route).toBeUndefined();
    expect(result.events.at(-1)).toEqual({ type: 'disconnect', by: 'caller', at: 2500 });
  });

  it('stops during a Lambda call when the caller hangs up', async () => {
    const clock = virtualClock();
    const flow = flowOf(
      act('pull', 'InvokeLambdaFunction', { LambdaFunctionARN: 'pull', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' } }, {
        NextAction: 'after',
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'after' }],
      }),
      ...routeTo('after'),
    );
    const result = await run(flow, {
      clock,
      hangUpAtMs: 1000,
      invokeLambda: async () => {
        await clock.sleep(2000);
        return {};
      },
    });
    expect(result.endReason).toBe('callerHungUp');
    expect(result.durationMs).toBe(1000);
    expect(actionsRun(result)).toEqual(['pull']);
  });

  it('times events in call time and streams them to onEvent as they happen', async () => {
    const streamed: FlowEvent[] = [];
    const flow = flowOf(say('one', 'abc', 'two'), say('two', 'de', 'hangUp'), hangUp());
    const result = await run(flow, { ttsMsPerCharacter: 100, onEvent: (event) => streamed.push(event) });
    expect(streamed).toEqual(result.events);
    expect(eventsOfType(result, 'speech').map(({ text, at, durationMs }) => ({ text, at, durationMs }))).toEqual([
      { text: 'abc', at: 0, durationMs: 300 },
      { text: 'de', at: 300, durationMs: 200 },
    ]);
    expect(result).toMatchObject({ endReason: 'disconnected', durationMs: 500 });
  });

  it('starts the contact with the given attributes and reports the final ones', async () => {
    const flow = flowOf(act('set', 'UpdateContactAttributes', { Attributes: { added: 'yes' } }, { NextAction: 'hangUp' }), hangUp());
    const result = await run(flow, { contact: { attributes: { ASAPP_CompanyMarker: 'acme' } } });
    expect(result.attributes).toEqual({ ASAPP_CompanyMarker: 'acme', added: 'yes' });
  });
});
