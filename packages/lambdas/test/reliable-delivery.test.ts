import { setTimeout as sleep } from 'node:timers/promises';
import { createPullActionHandler, createPushActionHandler, type PullActionResponse, parsePullActionConfig } from '../src';
import { contactFlowEvent } from './support/connect-events';
import { type HandlerContainers, useHandlerContainers } from './support/valkey';

// At-least-once delivery through the handlers: the flow passes back the last sequence it received (our module's
// genagentLastSequence), which acknowledges it; without the parameter (ASAPP's module) poll mode answers as before.

const COMPANY = 'acme';
let callCounter = 0;

function pollEvent(guid: string, parameters: Record<string, string> = {}) {
  return contactFlowEvent({ contactId: guid, attributes: { ASAPP_CompanyMarker: COMPANY }, parameters });
}

/** One call's push-action and pull-action (poll, or long-poll with PULL_WAIT_MS), each on its own container. */
function call(valkey: HandlerContainers, environment: Record<string, string> = {}) {
  callCounter += 1;
  const guid = `reliable-${callCounter}`;
  const config = parsePullActionConfig(environment);
  const pushAction = createPushActionHandler({ queue: valkey.pushContainer.queue });
  const pullQueue = config.pullWaitMs > 0 ? valkey.longPollContainer.queue : valkey.pullContainer.queue;
  const pullAction = createPullActionHandler({ config, queue: pullQueue });
  return {
    guid,
    push: (action: Record<string, unknown>) => pushAction({ companyMarker: COMPANY, guid, ...action }),
    pull: (parameters?: Record<string, string>) => pullAction(pollEvent(guid, parameters)),
  };
}

describe('at-least-once pulls', () => {
  const valkey = useHandlerContainers();

  const say = (text: string) => ({ action: 'speak', speakParams: { text } });

  it('answers the same action again until the flow acknowledges its sequence, then the next', async () => {
    const { push, pull } = call(valkey);
    await push(say('first'));
    await push(say('second'));
    expect(await pull({ lastSequence: '0' })).toEqual({ next: 'speak', text: 'first', textType: 'text', playBeepBop: 1, pullMode: 'poll', sequence: 1 });
    expect(await pull({ lastSequence: '0' })).toMatchObject({ next: 'speak', text: 'first', sequence: 1 });
    expect(await pull({ lastSequence: '1' })).toMatchObject({ next: 'speak', text: 'second', sequence: 2 });
    expect(await pull({ lastSequence: '2' })).toEqual({ next: 'none', playBeepBop: 0, pullMode: 'poll', sequence: 2 });
  });

  it('an empty lastSequence (attribute not set yet) is 0', async () => {
    const { push, pull } = call(valkey);
    await push(say('hello'));
    expect(await pull({ lastSequence: '' })).toMatchObject({ next: 'speak', sequence: 1 });
  });

  it('without lastSequence (ASAPP\'s module) poll mode answers exactly as before: no sequence, LPOP', async () => {
    const { push, pull } = call(valkey);
    await push(say('hello'));
    expect(await pull()).toEqual({ next: 'speak', text: 'hello', textType: 'text', playBeepBop: 1, pullMode: 'poll' });
    expect(await pull()).toEqual({ next: 'none', playBeepBop: 0, pullMode: 'poll' });
  });

  it('refuses a lastSequence that is not a whole number, naming it', async () => {
    const { pull } = call(valkey);
    expect(await pull({ lastSequence: 'x' })).toEqual({
      next: 'error',
      text: "lastSequence must be a whole number (the module's genagentLastSequence)",
      playBeepBop: 0,
      pullMode: 'poll',
    });
  });

  it('long-poll: processing actions consumed on the way are acknowledged, the answer carries the last sequence', async () => {
    const { push, pull } = call(valkey, { PULL_WAIT_MS: '300' });
    await push({ action: 'processingStart' });
    await push({ action: 'processingEnd' });
    await push(say('done'));
    expect(await pull({ lastSequence: '0' })).toMatchObject({ next: 'speak', text: 'done', processing: 0, sequence: 3 });
    expect(await pull({ lastSequence: '3' })).toMatchObject({ next: 'none', sequence: 3 });
  });

  it('a 3 s pause (SIGSTOP) loses and repeats nothing: the flow hears every action once, in order, no error', async () => {
    for (const environment of [{}, { PULL_WAIT_MS: '500' }] as Record<string, string>[]) {
      const { push, pull } = call(valkey, environment);
      const heard: string[] = [];
      let lastSequence = 0;
      let errors = 0;
      let slowestMs = 0;
      const flow = async (forMs: number) => {
        for (const until = performance.now() + forMs; performance.now() < until; ) {
          const startedAt = performance.now();
          const answer: PullActionResponse = await pull({ lastSequence: String(lastSequence) });
          slowestMs = Math.max(slowestMs, performance.now() - startedAt);
          if (answer.next === 'error') errors += 1;
          if (answer.next === 'speak' && answer.text) heard.push(answer.text);
          lastSequence = answer.sequence ?? lastSequence;
          await sleep(20);
        }
      };
      for (const text of ['one', 'two', 'three']) await push(say(text));
      const running = flow(4500);
      await sleep(30);
      valkey.server.pause();
      await sleep(3000);
      valkey.server.resume();
      await running;
      expect({ heard, errors }).toEqual({ heard: ['one', 'two', 'three'], errors: 0 });
      // ASAPP's module gives PullAction 3 s.
      expect(slowestMs).toBeLessThan(3000);
    }
  }, 15_000);
});

describe('with memory full (maxmemory, noeviction)', () => {
  const valkey = useHandlerContainers();

  it.each([
    ['poll', {}],
    ['long-poll', { PULL_WAIT_MS: '300' }],
  ] as [string, Record<string, string>][])('%s: pulls keep answering, delivering what was queued, and pushes say the cache is full', async (mode, environment) => {
    const { push, pull: pullWith } = call(valkey, environment);
    const pull = (lastSequence: string) => pullWith({ lastSequence });
    const server = valkey.server;
    expect(await push({ action: 'speak', speakParams: { text: `queued (${mode})` } })).toEqual({ ok: true });
    await server.command(['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']);
    // 1 byte: whatever the server holds is over it (0 would mean no limit).
    await server.command(['CONFIG', 'SET', 'maxmemory', '1']);
    try {
      expect(await push({ action: 'speak', speakParams: { text: 'no room' } })).toEqual({
        ok: false,
        errorMessage: 'Valkey is out of memory (maxmemory reached): action not stored',
      });
      expect(await pull('0')).toMatchObject({ next: 'speak', text: `queued (${mode})`, sequence: 1 });
      expect(await pull('1')).toMatchObject({ next: 'none', sequence: 1 });
    } finally {
      await server.command(['CONFIG', 'SET', 'maxmemory', '0']);
    }
  });
});
