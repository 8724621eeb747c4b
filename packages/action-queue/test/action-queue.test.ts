import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import type Valkey from 'iovalkey';
import {
  ActionQueue,
  type AsappAction,
  InvalidActionError,
  InvalidStoredActionError,
  QUEUE_TTL_SECONDS,
  ValkeyOutOfMemoryError,
  actionsKey,
  beepBopCounterKey,
} from '../src';
import { Cleanup, newCall, speak } from './helpers';

describe('ActionQueue on a live server', () => {
  const cleanup = new Cleanup();
  let server: LocalValkeyServer;
  let admin: Valkey;
  let queue: ActionQueue;

  beforeAll(async () => {
    server = cleanup.server(await startValkeyServer());
    admin = cleanup.admin(server);
    // These tests are about ordering and TTLs, not failure detection: generous timeouts keep 1000 concurrent
    // transactions on one connection from tripping the fail-fast defaults when CI runs every suite at once.
    queue = new ActionQueue(cleanup.client(server, { commandTimeoutMs: 5000, connectTimeoutMs: 5000 }));
  });

  afterAll(() => cleanup.run());

  it('pulls every action type back in the order it was pushed, then null', async () => {
    const call = newCall();
    const actions: AsappAction[] = [
      { action: 'processingStart', ...call },
      { action: 'processingEnd', ...call },
      speak(call, 'Let me check that for you.'),
      { action: 'transferToAgent', ...call, transferToAgentParams: { outputVariables: { queue: 'billing' } } },
      { action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables: { intent: 'refund' } } },
      { action: 'disengage', ...call, reason: 'conversation ended' },
    ];
    for (const action of actions) await queue.push(action);
    const pulled: (AsappAction | null)[] = [];
    for (let i = 0; i <= actions.length; i++) pulled.push(await queue.pull(call.companyMarker, call.guid));
    expect(pulled).toEqual([...actions, null]);
  });

  it('keeps each call in order across 50 calls pushing 20 actions each, all interleaved and concurrent', async () => {
    const calls = Array.from({ length: 50 }, () => newCall());
    const pushes: Promise<unknown>[] = [];
    for (let step = 0; step < 20; step++) {
      for (const call of calls) pushes.push(queue.push(speak(call, `step ${step}`)));
    }
    await Promise.all(pushes);
    const texts = await Promise.all(
      calls.map(async (call) => {
        const received: string[] = [];
        for (let action = await queue.pull(call.companyMarker, call.guid); action; ) {
          if (action.action === 'speak') received.push(action.speakParams.text);
          action = await queue.pull(call.companyMarker, call.guid);
        }
        return received;
      }),
    );
    const expected = Array.from({ length: 20 }, (_, step) => `step ${step}`);
    for (const received of texts) expect(received).toEqual(expected);
  });

  it('gives the queue a 6 h TTL and refreshes it on every push', async () => {
    const call = newCall();
    const key = actionsKey(call.companyMarker, call.guid);
    await queue.push(speak(call, 'first'));
    expect(await admin.ttl(key)).toBeGreaterThan(QUEUE_TTL_SECONDS - 5);
    await admin.expire(key, 60);
    await queue.push(speak(call, 'second'));
    expect(await admin.ttl(key)).toBeGreaterThan(QUEUE_TTL_SECONDS - 5);
    expect(QUEUE_TTL_SECONDS).toBe(21_600);
  });

  it('stores the push time when given and hands it back with the action, but never takes it from the event', async () => {
    const call = newCall();
    const key = actionsKey(call.companyMarker, call.guid);
    expect(await queue.push({ ...speak(call, 'timed'), pushedAt: 1 }, { pushedAt: 1_700_000_000_123 })).toEqual({
      action: { ...speak(call, 'timed'), pushedAt: 1_700_000_000_123 },
      sequence: 1,
    });
    await queue.push({ ...speak(call, 'untimed'), pushedAt: 5 });
    await admin.rpush(key, JSON.stringify({ ...speak(call, 'bad time'), pushedAt: 'soon' }));
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual({ ...speak(call, 'timed'), pushedAt: 1_700_000_000_123 });
    expect(await queue.pull(call.companyMarker, call.guid)).toStrictEqual(speak(call, 'untimed'));
    expect(await queue.pull(call.companyMarker, call.guid)).toStrictEqual(speak(call, 'bad time'));
    // The at-least-once pull hands it back too.
    const reliable = newCall();
    await queue.push(speak(reliable, 'acknowledged later'), { pushedAt: 42 });
    expect(await queue.pullReliably(reliable.companyMarker, reliable.guid, 0)).toEqual({
      action: { ...speak(reliable, 'acknowledged later'), pushedAt: 42 },
      sequence: 1,
    });
  });

  it('stores nothing for an invalid action and says which field is wrong', async () => {
    const call = newCall();
    const before = await admin.dbsize();
    await expect(queue.push({ action: 'speak', ...call, speakParams: { text: '' } })).rejects.toThrow(
      new InvalidActionError('speakParams.text must be a non-empty string'),
    );
    await expect(queue.push({ action: 'speak', companyMarker: 'acme' })).rejects.toThrow('missing guid field');
    await expect(queue.push({ action: 'foo', ...call })).rejects.toThrow(new InvalidActionError("unknown action 'foo'"));
    expect(await admin.exists(actionsKey(call.companyMarker, call.guid))).toBe(0);
    expect(await admin.dbsize()).toBe(before);
  });

  it('reports a stored entry that is not a valid action, consuming it so the next pull moves on', async () => {
    const call = newCall();
    const key = actionsKey(call.companyMarker, call.guid);
    await admin.rpush(key, 'not json', JSON.stringify({ action: 'speak', ...call }));
    await queue.push(speak(call, 'valid'));
    await expect(queue.pull(call.companyMarker, call.guid)).rejects.toThrow(
      new InvalidStoredActionError(key, 'not valid JSON'),
    );
    await expect(queue.pull(call.companyMarker, call.guid)).rejects.toThrow(
      `invalid action stored in ${key}: speakParams.text must be a non-empty string`,
    );
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'valid'));
  });

  it('delivers an entry stored by ASAPP\'s own PushAction (the whole event) normalised: nulls absent, variables strings', async () => {
    const call = newCall();
    const key = actionsKey(call.companyMarker, call.guid);
    const asappEvent = {
      action: 'transferToSystem',
      ...call,
      speakParams: null,
      transferToAgentParams: null,
      transferToSystemParams: { outputVariables: { accountNumber: 12345, verified: true } },
      reason: null,
    };
    await admin.rpush(key, JSON.stringify(asappEvent));
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual({
      action: 'transferToSystem',
      ...call,
      transferToSystemParams: { outputVariables: { accountNumber: '12345', verified: 'true' } },
    });
  });

  it('stores what it delivers: a pushed action is stored normalised', async () => {
    const call = newCall();
    const { action: stored, sequence } = await queue.push({
      action: 'transferToAgent',
      ...call,
      transferToAgentParams: { outputVariables: { tier: 2, tags: ['vip'] }, note: 'dropped' },
      reason: null,
    });
    expect(stored).toEqual({ action: 'transferToAgent', ...call, transferToAgentParams: { outputVariables: { tier: '2', tags: '["vip"]' } } });
    expect(sequence).toBe(1);
    const [entry] = await admin.lrange(actionsKey(call.companyMarker, call.guid), 0, -1);
    // The sequence is the first field, so the entry stays an action to any reader that ignores unknown fields.
    expect(entry?.startsWith('{"sequence":1,"action":"transferToAgent",')).toBe(true);
    expect(JSON.parse(entry ?? '')).toEqual({ sequence: 1, ...stored });
  });

  it('rejects call identifiers that cannot form a key, naming the field', async () => {
    await expect(queue.pull('', 'guid')).rejects.toThrow(new TypeError('companyMarker must be a non-empty string'));
    await expect(queue.pull('acme', '')).rejects.toThrow(new TypeError('guid must be a non-empty string'));
    await expect(queue.nextProcessingCue('ac:me', 'guid')).rejects.toThrow("companyMarker must not contain ':'");
  });

  it('rejects a wait that is not a whole number of milliseconds', async () => {
    const call = newCall();
    await expect(queue.pull(call.companyMarker, call.guid, { waitMs: -1 })).rejects.toThrow(RangeError);
    await expect(queue.pull(call.companyMarker, call.guid, { waitMs: 1.5 })).rejects.toThrow(RangeError);
  });

  it('asks for the processing cue on the 1st, 7th and 13th pull, with a refreshed 6 h TTL', async () => {
    const call = newCall();
    const cues: number[] = [];
    for (let poll = 1; poll <= 14; poll++) {
      if (await queue.nextProcessingCue(call.companyMarker, call.guid)) cues.push(poll);
    }
    expect(cues).toEqual([1, 7, 13]);
    const key = beepBopCounterKey(call.companyMarker, call.guid);
    expect(await admin.get(key)).toBe('14');
    await admin.expire(key, 60);
    await queue.nextProcessingCue(call.companyMarker, call.guid);
    expect(await admin.ttl(key)).toBeGreaterThan(QUEUE_TTL_SECONDS - 5);
  });

  it('uses the documented key layout', () => {
    expect(actionsKey('acme', 'c-1')).toBe('asappActions:acme:c-1');
    expect(beepBopCounterKey('acme', 'c-1')).toBe('asappStates:beepBopCounter:acme:c-1');
  });
});

describe('ActionQueue when Valkey is full (maxmemory reached, noeviction)', () => {
  const cleanup = new Cleanup();
  let admin: Valkey;
  let queue: ActionQueue;

  beforeAll(async () => {
    // A server of its own: filling it up must not disturb the other tests.
    const server = cleanup.server(await startValkeyServer());
    admin = cleanup.admin(server);
    queue = new ActionQueue(cleanup.client(server));
    const usedMemory = Number(/used_memory:(\d+)/.exec(await admin.info('memory'))?.[1]);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    await admin.config('SET', 'maxmemory', String(usedMemory + 256 * 1024));
  });

  afterAll(() => cleanup.run());

  it('refuses the push with ValkeyOutOfMemoryError once memory is full, and writes nothing of it', async () => {
    const call = newCall();
    const key = actionsKey(call.companyMarker, call.guid);
    const text = 'x'.repeat(4096);
    let stored = 0;
    let refusal: unknown;
    while (refusal === undefined && stored < 1000) {
      try {
        await queue.push(speak(call, `${stored} ${text}`));
        stored += 1;
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toEqual(new ValkeyOutOfMemoryError());
    expect((refusal as Error).message).toBe('Valkey is out of memory (maxmemory reached)');
    expect(stored).toBeGreaterThan(0);
    // The script's first write (INCR) is refused, so it left neither an entry nor a refreshed TTL behind.
    expect(await admin.llen(key)).toBe(stored);
    await admin.expire(key, 60);
    await expect(queue.push(speak(call, 'refused again'))).rejects.toBeInstanceOf(ValkeyOutOfMemoryError);
    expect(await admin.ttl(key)).toBeLessThanOrEqual(60);
    expect(await admin.llen(key)).toBe(stored);
    const other = newCall();
    await expect(queue.push(speak(other, 'also refused'))).rejects.toBeInstanceOf(ValkeyOutOfMemoryError);
    expect(await admin.exists(actionsKey(other.companyMarker, other.guid))).toBe(0);
    // Reads still work, and once there is room again pushes do too.
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, `0 ${text}`));
    await admin.config('SET', 'maxmemory', '0');
    await expect(queue.push(speak(other, 'room again'))).resolves.toEqual({ action: speak(other, 'room again'), sequence: 1 });
  });
});
