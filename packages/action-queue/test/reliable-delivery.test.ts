import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import type Valkey from 'iovalkey';
import { ActionQueue, actionsKey, inFlightKey, sequenceKey, storedEntry, ValkeyUnavailableError } from '../src';
import { Cleanup, newCall, speak } from './helpers';

// At-least-once delivery: an action leaves Valkey only once a later pull acknowledges its sequence number.

describe('ActionQueue.pullReliably', () => {
  const cleanup = new Cleanup();
  let server: LocalValkeyServer;
  let queue: ActionQueue;
  let admin: Valkey;

  beforeAll(async () => {
    server = cleanup.server(await startValkeyServer());
    queue = new ActionQueue(cleanup.client(server, { connectionName: 'reliable-test' }));
    admin = cleanup.admin(server);
  });
  afterAll(() => cleanup.run());

  it('numbers pushes per call and answers an unacknowledged action again until the flow acknowledges it', async () => {
    const call = newCall();
    const pushed = [];
    for (const text of ['one', 'two', 'three']) pushed.push(await queue.push(speak(call, text)));
    expect(pushed.map(({ sequence }) => sequence)).toEqual([1, 2, 3]);

    expect(await queue.pullReliably(call.companyMarker, call.guid, 0)).toEqual({ action: speak(call, 'one'), sequence: 1 });
    // The answer was lost (the flow still says 0): the same action again, not the next one.
    expect(await queue.pullReliably(call.companyMarker, call.guid, 0)).toEqual({ action: speak(call, 'one'), sequence: 1 });
    expect(await admin.llen(inFlightKey(call.companyMarker, call.guid))).toBe(1);
    expect(await queue.pullReliably(call.companyMarker, call.guid, 1)).toEqual({ action: speak(call, 'two'), sequence: 2 });
    expect(await queue.pullReliably(call.companyMarker, call.guid, 2)).toEqual({ action: speak(call, 'three'), sequence: 3 });
    expect(await queue.pullReliably(call.companyMarker, call.guid, 3)).toBeNull();
    expect(await admin.exists(actionsKey(call.companyMarker, call.guid), inFlightKey(call.companyMarker, call.guid))).toBe(0);
  });

  it('drops queued duplicates of acknowledged actions and moves a lagging counter up (a failover to a replica behind)', async () => {
    const call = newCall();
    for (const text of ['one', 'two']) await queue.push(speak(call, text));
    await queue.pullReliably(call.companyMarker, call.guid, 0);
    await queue.pullReliably(call.companyMarker, call.guid, 1);
    expect(await queue.pullReliably(call.companyMarker, call.guid, 2)).toBeNull();
    // The promoted replica had not yet seen the acknowledgements nor the second INCR.
    const queueKey = actionsKey(call.companyMarker, call.guid);
    await admin.rpush(queueKey, storedEntry(1, speak(call, 'one')), storedEntry(2, speak(call, 'two')));
    await admin.set(sequenceKey(call.companyMarker, call.guid), '1');

    expect(await queue.pullReliably(call.companyMarker, call.guid, 2)).toBeNull();
    expect(await admin.llen(queueKey)).toBe(0);
    expect(await queue.push(speak(call, 'three'))).toMatchObject({ sequence: 3 });
    expect(await queue.pullReliably(call.companyMarker, call.guid, 2)).toEqual({ action: speak(call, 'three'), sequence: 3 });
  });

  it('long-polls with BLMOVE: the action arrives in flight, and stays there until acknowledged', async () => {
    const call = newCall();
    const waiting = queue.pullReliably(call.companyMarker, call.guid, 0, { waitMs: 2000 });
    const pusher = new ActionQueue(cleanup.client(server));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pusher.push(speak(call, 'while waiting'));
    expect(await waiting).toEqual({ action: speak(call, 'while waiting'), sequence: 1 });
    expect(await admin.lrange(inFlightKey(call.companyMarker, call.guid), 0, -1)).toEqual([
      storedEntry(1, speak(call, 'while waiting')),
    ]);
    expect(await queue.pullReliably(call.companyMarker, call.guid, 1, { waitMs: 20 })).toBeNull();
    expect(await admin.exists(inFlightKey(call.companyMarker, call.guid))).toBe(0);
  });

  it('reads entries without a sequence (written by ASAPP\'s own PushAction) and delivers them once', async () => {
    const call = newCall();
    await admin.rpush(actionsKey(call.companyMarker, call.guid), JSON.stringify(speak(call, 'bare')));
    expect(await queue.pullReliably(call.companyMarker, call.guid, 5)).toEqual({ action: speak(call, 'bare'), sequence: 0 });
    expect(await queue.pullReliably(call.companyMarker, call.guid, 5)).toBeNull();
  });

  it('the plain pull (ASAPP\'s module) reads numbered entries as before', async () => {
    const call = newCall();
    await queue.push(speak(call, 'numbered'));
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'numbered'));
  });

  it('delivers and acknowledges with memory full (LMOVE refused): the action is answered where it is', async () => {
    const full = cleanup.server(await startValkeyServer());
    const fullQueue = new ActionQueue(cleanup.client(full));
    const fullAdmin = cleanup.admin(full);
    const call = newCall();
    await fullQueue.push(speak(call, 'queued before the cache filled'));
    await fullAdmin.config('SET', 'maxmemory-policy', 'noeviction');
    const used = Number(/used_memory:(\d+)/.exec(await fullAdmin.info('memory'))?.[1]);
    await fullAdmin.config('SET', 'maxmemory', String(used - 1024));
    await expect(fullQueue.push(speak(call, 'refused'))).rejects.toThrow('out of memory');

    const delivered = { action: speak(call, 'queued before the cache filled'), sequence: 1 };
    expect(await fullQueue.pullReliably(call.companyMarker, call.guid, 0)).toEqual(delivered);
    // LMOVE was refused: nothing in flight, the action still heads the queue.
    expect(await fullAdmin.exists(inFlightKey(call.companyMarker, call.guid))).toBe(0);
    expect(await fullAdmin.llen(actionsKey(call.companyMarker, call.guid))).toBe(1);
    expect(await fullQueue.pullReliably(call.companyMarker, call.guid, 0)).toEqual(delivered);
    expect(await fullQueue.pullReliably(call.companyMarker, call.guid, 1)).toBeNull();
    expect(await fullAdmin.exists(actionsKey(call.companyMarker, call.guid))).toBe(0);
  });

  it('loses nothing when the server goes silent under a pull: the move it runs on waking is delivered again', async () => {
    const paused = cleanup.server(await startValkeyServer());
    const pausedQueue = new ActionQueue(cleanup.client(paused));
    const call = newCall();
    await pausedQueue.push(speak(call, 'popped while nobody listened'));
    paused.pause();
    await expect(pausedQueue.pullReliably(call.companyMarker, call.guid, 0)).rejects.toBeInstanceOf(ValkeyUnavailableError);
    paused.resume();
    // The script sent before the timeout runs now and moves the action in flight: the next pull answers it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await pausedQueue.pullReliably(call.companyMarker, call.guid, 0)).toEqual({
      action: speak(call, 'popped while nobody listened'),
      sequence: 1,
    });
  });
});

describe('replica acknowledgement (WAIT)', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run());

  it('answers a push once a replica has it, and says so when the replica does not answer in time', async () => {
    const primary = cleanup.server(await startValkeyServer());
    const replica = cleanup.server(await startValkeyServer({ replicaOf: primary }));
    const queue = new ActionQueue(cleanup.client(primary), { replicaAcknowledgement: { replicas: 1, timeoutMs: 100 } });
    const call = newCall();
    expect(await queue.push(speak(call, 'on both'))).toMatchObject({ sequence: 1, replicated: true });
    // WAIT returned after the replica had the entry, so reading it there needs no retry.
    expect(await replica.command(['LINDEX', actionsKey(call.companyMarker, call.guid), '0'])).toBe(
      storedEntry(1, speak(call, 'on both')),
    );

    replica.pause();
    expect(await queue.push(speak(call, 'primary only'))).toMatchObject({ sequence: 2, replicated: false });
    replica.resume();
    expect(await new ActionQueue(cleanup.client(primary)).push(speak(call, 'no wait'))).not.toHaveProperty('replicated');
  });
});
