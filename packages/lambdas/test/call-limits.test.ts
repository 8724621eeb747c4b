import { idleSinceKey } from '@genagent-connect/action-queue';
import { createPullActionHandler, createPushActionHandler, parsePullActionConfig } from '../src';
import { contactFlowEvent } from './support/connect-events';
import { useHandlerContainers } from './support/valkey';

// The idle and conversation-length limits against a real Valkey, on a clock the test moves: no real waits.

const COMPANY = 'acme';

const valkey = useHandlerContainers();

let callCounter = 0;

/** One call: its pull-action (poll or long-poll) on a clock starting at an arbitrary epoch time, and its pushes. */
function call(environment: Record<string, string> = {}) {
  callCounter += 1;
  const guid = `limits-${callCounter}`;
  const clock = { nowMs: 1_767_225_600_000 };
  const startMs = clock.nowMs;
  const config = parsePullActionConfig(environment);
  const pullAction = createPullActionHandler({
    config,
    queue: config.pullWaitMs > 0 ? valkey.longPollContainer.queue : valkey.pullContainer.queue,
    clock: () => clock.nowMs,
  });
  const pushAction = createPushActionHandler({ queue: valkey.pushContainer.queue });
  return {
    guid,
    /** Moves the clock to `seconds` after the call's first pull and pulls. */
    pullAt: (seconds: number, processing: '0' | '1' = '0') => {
      clock.nowMs = startMs + seconds * 1000;
      return pullAction(contactFlowEvent({ contactId: guid, attributes: { ASAPP_CompanyMarker: COMPANY }, parameters: { processing } }));
    },
    push: (action: Record<string, unknown>) => pushAction({ companyMarker: COMPANY, guid, ...action }),
  };
}

describe('poll mode', () => {
  it('answers error once GenerativeAgent has sent nothing for MAX_IDLE_SECONDS (default 120 s): pushes that never arrive end the call', async () => {
    const { pullAt } = call();
    for (const seconds of [0, 1, 60, 119.999]) expect(await pullAt(seconds)).toMatchObject({ next: 'none' });
    expect(await pullAt(120)).toEqual({
      next: 'error',
      text: 'GenerativeAgent sent nothing for 120 s (maxIdleSeconds 120)',
      playBeepBop: 0,
      pullMode: 'poll',
    });
  });

  it('counts idle time from the first pull after the last delivered action', async () => {
    const { pullAt, push } = call({ MAX_IDLE_SECONDS: '30' });
    expect(await pullAt(0)).toMatchObject({ next: 'none' });
    expect(await pullAt(29)).toMatchObject({ next: 'none' });
    await push({ action: 'processingStart' });
    expect(await pullAt(29.5)).toMatchObject({ next: 'processingStart' });
    expect(await pullAt(40)).toMatchObject({ next: 'none' });
    expect(await pullAt(69)).toMatchObject({ next: 'none' });
    expect(await pullAt(70)).toMatchObject({ next: 'error', text: 'GenerativeAgent sent nothing for 30 s (maxIdleSeconds 30)' });
  });

  it('ends a conversation that lasts MAX_CONVERSATION_SECONDS, but still delivers an action that leaves the module', async () => {
    const { pullAt, push } = call({ MAX_CONVERSATION_SECONDS: '300' });
    expect(await pullAt(0)).toMatchObject({ next: 'none' });
    await push({ action: 'speak', speakParams: { text: 'Still here.' } });
    expect(await pullAt(100)).toMatchObject({ next: 'speak' });
    await push({ action: 'disengage' });
    expect(await pullAt(301)).toMatchObject({ next: 'disengage' });
    await push({ action: 'speak', speakParams: { text: 'One more thing.' } });
    expect(await pullAt(302)).toMatchObject({
      next: 'error',
      text: 'the conversation has lasted 302 s (maxConversationSeconds 300)',
    });
  });

  it('delivers an action even when the activity bookkeeping fails, and answers error when there is no action', async () => {
    const { guid, pullAt, push } = call();
    await valkey.raw.run((connection) => connection.set(idleSinceKey(COMPANY, guid), 'not a timestamp'));
    await push({ action: 'speak', speakParams: { text: 'Delivered anyway.' } });
    expect(await pullAt(0)).toMatchObject({ next: 'speak', text: 'Delivered anyway.' });
    await valkey.raw.run((connection) => connection.set(idleSinceKey(COMPANY, guid), 'not a timestamp'));
    expect(await pullAt(1)).toMatchObject({ next: 'error', text: expect.stringContaining('holds no timestamp') });
  });
});

describe('long-poll mode', () => {
  it('answers error after MAX_IDLE_SECONDS of empty long-polls', async () => {
    const { pullAt } = call({ PULL_WAIT_MS: '10', MAX_IDLE_SECONDS: '15' });
    expect(await pullAt(0)).toMatchObject({ next: 'none', pullMode: 'longPoll' });
    expect(await pullAt(10)).toMatchObject({ next: 'none' });
    expect(await pullAt(15)).toEqual({
      next: 'error',
      text: 'GenerativeAgent sent nothing for 15 s (maxIdleSeconds 15)',
      playBeepBop: 0,
      pullMode: 'longPoll',
      processing: 0,
    });
  });

  it('counts a processingStart consumed inside the long-poll as activity', async () => {
    const { pullAt, push } = call({ PULL_WAIT_MS: '10', MAX_IDLE_SECONDS: '15' });
    expect(await pullAt(0)).toMatchObject({ next: 'none' });
    await push({ action: 'processingStart' });
    expect(await pullAt(14)).toMatchObject({ next: 'none', processing: 1, playBeepBop: 1 });
    expect(await pullAt(20, '1')).toMatchObject({ next: 'none', processing: 1 });
    expect(await pullAt(34, '1')).toMatchObject({ next: 'none' });
    expect(await pullAt(35, '1')).toMatchObject({ next: 'error', processing: 1 });
  });

  it('ends an over-long conversation, delivering a transfer', async () => {
    const { pullAt, push } = call({ PULL_WAIT_MS: '10', MAX_CONVERSATION_SECONDS: '60' });
    expect(await pullAt(0)).toMatchObject({ next: 'none' });
    await push({ action: 'transferToAgent' });
    expect(await pullAt(61)).toMatchObject({ next: 'transferToAgent' });
    expect(await pullAt(62)).toMatchObject({ next: 'error', text: 'the conversation has lasted 62 s (maxConversationSeconds 60)' });
  });
});
