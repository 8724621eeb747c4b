import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionQueue, lazyValkeyClient } from '../src';
import { Cleanup, elapsedMs, newCall, speak } from './helpers';

describe('ActionQueue.pull with waitMs (long-poll)', () => {
  const cleanup = new Cleanup();
  let server: LocalValkeyServer;
  let puller: ActionQueue;
  let pusher: ActionQueue;

  beforeAll(async () => {
    server = cleanup.server(await startValkeyServer());
    // A short command timeout proves that BLPOP waits are not cut short by it.
    puller = new ActionQueue(cleanup.client(server, { commandTimeoutMs: 300 }));
    pusher = new ActionQueue(cleanup.client(server));
  });

  afterAll(() => cleanup.run());

  it('answers as soon as another client pushes an action', async () => {
    const call = newCall();
    const waitMs = 2500;
    const pulled = elapsedMs(() => puller.pull(call.companyMarker, call.guid, { waitMs }));
    await sleep(100);
    await pusher.push(speak(call, 'arrived while waiting'));
    const { result, ms } = await pulled;
    expect(result).toEqual(speak(call, 'arrived while waiting'));
    expect(ms).toBeLessThan(waitMs / 2);
  });

  it('answers at once when an action is already queued', async () => {
    const call = newCall();
    await pusher.push({ action: 'processingStart', ...call });
    const { result, ms } = await elapsedMs(() => puller.pull(call.companyMarker, call.guid, { waitMs: 2500 }));
    expect(result).toEqual({ action: 'processingStart', ...call });
    expect(ms).toBeLessThan(1000);
  });

  it('returns null after the wait, even when the wait exceeds the command timeout', async () => {
    const call = newCall();
    const waitMs = 800;
    const { result, ms } = await elapsedMs(() => puller.pull(call.companyMarker, call.guid, { waitMs }));
    expect(result).toBeNull();
    // It did wait (rather than failing or answering at once) and stopped within a generous bound.
    expect(ms).toBeGreaterThanOrEqual(waitMs - 50);
    expect(ms).toBeLessThan(waitMs + 1000);
  });

  it('keeps order: a waiting pull takes the first of several pushed actions', async () => {
    const call = newCall();
    const pulled = puller.pull(call.companyMarker, call.guid, { waitMs: 2000 });
    await sleep(50);
    await pusher.push(speak(call, 'one'));
    await pusher.push(speak(call, 'two'));
    expect(await pulled).toEqual(speak(call, 'one'));
    expect(await puller.pull(call.companyMarker, call.guid, { waitMs: 2000 })).toEqual(speak(call, 'two'));
  });

  it('counts the time spent connecting against the wait, so a cold pull is bounded by waitMs plus the command timeout', async () => {
    const connectDelayMs = 1000;
    const client = lazyValkeyClient({
      host: server.host,
      port: server.port,
      loadPassword: () => sleep(connectDelayMs).then(() => undefined),
    });
    cleanup.closer(() => client.close());
    const call = newCall();
    const waitMs = 1500;
    const { result, ms } = await elapsedMs(() => new ActionQueue(client).pull(call.companyMarker, call.guid, { waitMs }));
    expect(result).toBeNull();
    expect(ms).toBeLessThan(waitMs + client.commandTimeoutMs);
  });
});
