import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import type Valkey from 'iovalkey';
import { ActionQueue, conversationStartKey, idleSinceKey, QUEUE_TTL_SECONDS } from '../src';
import { Cleanup, newCall } from './helpers';

describe('call activity on a live server', () => {
  const cleanup = new Cleanup();
  let server: LocalValkeyServer;
  let admin: Valkey;
  let queue: ActionQueue;

  beforeAll(async () => {
    server = cleanup.server(await startValkeyServer());
    admin = cleanup.admin(server);
    queue = new ActionQueue(cleanup.client(server, { commandTimeoutMs: 5000, connectTimeoutMs: 5000 }));
  });

  afterAll(() => cleanup.run());

  it('keeps the first pull as the conversation start and as the start of the idle stretch', async () => {
    const call = newCall();
    expect(await queue.observeActivity(call.companyMarker, call.guid, 1_000)).toEqual({
      conversationStartedAtMs: 1_000,
      idleSinceMs: 1_000,
    });
    expect(await queue.observeActivity(call.companyMarker, call.guid, 61_000)).toEqual({
      conversationStartedAtMs: 1_000,
      idleSinceMs: 1_000,
    });
  });

  it('starts a new idle stretch at the first pull after an action was delivered; the conversation start stays', async () => {
    const call = newCall();
    await queue.observeActivity(call.companyMarker, call.guid, 1_000);
    await queue.markActive(call.companyMarker, call.guid);
    expect(await admin.exists(idleSinceKey(call.companyMarker, call.guid))).toBe(0);
    expect(await queue.observeActivity(call.companyMarker, call.guid, 30_000)).toEqual({
      conversationStartedAtMs: 1_000,
      idleSinceMs: 30_000,
    });
  });

  it('expires both keys with the queue (6 h), and keeps calls apart', async () => {
    const call = newCall();
    const other = newCall();
    await queue.observeActivity(call.companyMarker, call.guid, 5_000);
    await queue.observeActivity(other.companyMarker, other.guid, 9_000);
    for (const key of [conversationStartKey(call.companyMarker, call.guid), idleSinceKey(call.companyMarker, call.guid)]) {
      const ttl = await admin.ttl(key);
      expect(ttl).toBeGreaterThan(QUEUE_TTL_SECONDS - 10);
      expect(ttl).toBeLessThanOrEqual(QUEUE_TTL_SECONDS);
    }
    expect(await admin.get(conversationStartKey(call.companyMarker, call.guid))).toBe('5000');
    expect(await admin.get(conversationStartKey(other.companyMarker, other.guid))).toBe('9000');
  });

  it('reports a key that holds no timestamp instead of treating it as a time', async () => {
    const call = newCall();
    await admin.set(idleSinceKey(call.companyMarker, call.guid), 'garbage');
    await expect(queue.observeActivity(call.companyMarker, call.guid, 1_000)).rejects.toThrow(/holds no timestamp/);
  });

  it('validates the call identifiers like pull does', async () => {
    await expect(queue.observeActivity('', 'guid', 1_000)).rejects.toThrow(TypeError);
    await expect(queue.markActive('acme', '')).rejects.toThrow(TypeError);
  });
});
