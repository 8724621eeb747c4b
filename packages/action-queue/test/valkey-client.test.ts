import { startValkeyServer } from '@genagent-connect/local-valkey';
import { ActionQueue, lazyValkeyClient, ValkeyUnavailableError } from '../src';
import { Cleanup, newCall, rejectionWithin, speak } from './helpers';

/** The flow gives PullAction 3 s; an unavailable Valkey must be reported well within that. */
const FAIL_FAST_BOUND_MS = 1000;

describe('Valkey client resilience', () => {
  const cleanup = new Cleanup();

  afterEach(() => cleanup.run());

  it('rejects push and pull in under 1 s once Valkey is stopped', async () => {
    const server = cleanup.server(await startValkeyServer());
    const queue = new ActionQueue(cleanup.client(server));
    const call = newCall();
    await queue.push(speak(call, 'before the outage'));
    await server.stop();

    for (const operation of [
      () => queue.push(speak(call, 'during the outage')),
      () => queue.pull(call.companyMarker, call.guid),
      () => queue.pull(call.companyMarker, call.guid, { waitMs: 2000 }),
      () => queue.nextProcessingCue(call.companyMarker, call.guid),
    ]) {
      const { error, ms } = await rejectionWithin(operation);
      expect(error).toBeInstanceOf(ValkeyUnavailableError);
      expect((error as Error).message).toMatch(/refused the connection \(.*ECONNREFUSED/);
      expect((error as ValkeyUnavailableError).commandSent).toBe(false);
      expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
    }
  });

  it('rejects in under 1 s when Valkey was never reachable', async () => {
    const server = await startValkeyServer();
    await server.stop();
    const queue = new ActionQueue(cleanup.client(server));
    const { error, ms } = await rejectionWithin(() => queue.pull('acme', 'guid'));
    expect(error).toBeInstanceOf(ValkeyUnavailableError);
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
  });

  it('rejects in under 1 s when Valkey accepts connections but never answers', async () => {
    const server = cleanup.server(await startValkeyServer());
    server.pause();
    const queue = new ActionQueue(cleanup.client(server));
    const { error, ms } = await rejectionWithin(() => queue.pull('acme', 'guid'));
    expect(error).toBeInstanceOf(ValkeyUnavailableError);
    expect((error as Error).message).toMatch(/not reachable within \d+ ms: timed out/);
    expect((error as ValkeyUnavailableError).commandSent).toBe(false);
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
  });

  it('rejects in under 1 s when a connected Valkey goes silent, and recovers when it answers again', async () => {
    const server = cleanup.server(await startValkeyServer());
    const queue = new ActionQueue(cleanup.client(server));
    const call = newCall();
    await queue.push(speak(call, 'queued before the freeze'));
    server.pause();
    const { error, ms } = await rejectionWithin(() => queue.push(speak(call, 'during the freeze')));
    expect(error).toBeInstanceOf(ValkeyUnavailableError);
    // The RPUSH had been sent: it may run when the server wakes, so its outcome is unknown.
    expect((error as Error).message).toMatch(/timed out: no reply within/);
    expect((error as ValkeyUnavailableError).commandSent).toBe(true);
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
    server.resume();
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'queued before the freeze'));
  });

  it('rejects a waiting long-poll promptly when Valkey dies under it', async () => {
    const server = cleanup.server(await startValkeyServer());
    const queue = new ActionQueue(cleanup.client(server));
    const call = newCall();
    await queue.nextProcessingCue(call.companyMarker, call.guid);
    const outcome = rejectionWithin(() => queue.pull(call.companyMarker, call.guid, { waitMs: 2500 }));
    await server.kill();
    const { error, ms } = await outcome;
    expect(error).toEqual(new ValkeyUnavailableError('Valkey dropped the connection before the reply arrived'));
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
  });

  it('rejects a long-poll in under 1 s when a connected Valkey goes silent, not after its wait', async () => {
    const server = cleanup.server(await startValkeyServer());
    const queue = new ActionQueue(cleanup.client(server));
    const call = newCall();
    // Connected and idle, as a warm Lambda container is when the server stops answering.
    await queue.push(speak(call, 'connected'));
    await queue.pull(call.companyMarker, call.guid);
    server.pause();
    const { error, ms } = await rejectionWithin(() => queue.pull(call.companyMarker, call.guid, { waitMs: 5000 }));
    server.resume();
    expect(error).toBeInstanceOf(ValkeyUnavailableError);
    expect((error as Error).message).toMatch(/timed out: no reply within/);
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
  });

  it('works again on the same client as soon as Valkey has restarted', async () => {
    const server = cleanup.server(await startValkeyServer());
    const queue = new ActionQueue(cleanup.client(server));
    const call = newCall();
    await queue.push(speak(call, 'before'));
    await server.kill();
    await expect(queue.pull(call.companyMarker, call.guid)).rejects.toBeInstanceOf(ValkeyUnavailableError);
    await server.restart();
    // Nothing persists across the restart; the point is that the very next call succeeds.
    await queue.push(speak(call, 'after'));
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'after'));
  });

  it('uses a single connection for 100 operations', async () => {
    const server = cleanup.server(await startValkeyServer());
    const admin = cleanup.admin(server);
    const queue = new ActionQueue(cleanup.client(server, { connectionName: 'action-queue-test' }));
    const connectionsReceived = async () => /total_connections_received:(\d+)/.exec(await admin.info('stats'))?.[1];
    const call = newCall();
    await queue.push(speak(call, 'first'));
    const connectionsAfterFirstOperation = await connectionsReceived();
    for (let i = 0; i < 99; i++) {
      await (i % 2 === 0 ? queue.pull(call.companyMarker, call.guid) : queue.push(speak(call, `#${i}`)));
    }
    const clients = (await admin.client('LIST')) as string;
    expect(clients.split('\n').filter((line) => line.includes('name=action-queue-test'))).toHaveLength(1);
    // No reconnects along the way either.
    expect(await connectionsReceived()).toBe(connectionsAfterFirstOperation);
  });

  it('authenticates with a password, and a wrong one fails fast without being echoed', async () => {
    const password = 'correct horse battery staple';
    const server = cleanup.server(await startValkeyServer({ password }));
    const call = newCall();
    const queue = new ActionQueue(cleanup.client(server, { password }));
    await queue.push(speak(call, 'authenticated'));
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'authenticated'));

    const wrongPassword = 'wrong horse';
    const rejected = new ActionQueue(cleanup.client(server, { password: wrongPassword }));
    const { error, ms } = await rejectionWithin(() => rejected.pull(call.companyMarker, call.guid));
    expect(error).toBeInstanceOf(ValkeyUnavailableError);
    expect((error as Error).message).not.toContain(wrongPassword);
    expect(ms).toBeLessThan(FAIL_FAST_BOUND_MS);
  });
});

describe('lazyValkeyClient', () => {
  const cleanup = new Cleanup();

  afterEach(() => cleanup.run());

  it('loads the password and connects on first use, then serves every call with that one connection', async () => {
    const server = cleanup.server(await startValkeyServer({ password: 'lazy-token' }));
    const admin = cleanup.admin(server);
    const loadPassword = jest.fn(async () => server.password);
    const client = lazyValkeyClient({ host: server.host, port: server.port, connectionName: 'lazy-test', loadPassword });
    cleanup.closer(() => client.close());
    const queue = new ActionQueue(client);
    expect(loadPassword).not.toHaveBeenCalled();

    const call = newCall();
    await Promise.all([queue.push(speak(call, 'one')), queue.push(speak(call, 'two'))]);
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'one'));

    expect(loadPassword).toHaveBeenCalledTimes(1);
    const clients = (await admin.client('LIST')) as string;
    expect(clients.split('\n').filter((line) => line.includes('name=lazy-test'))).toHaveLength(1);
  });

  it('loads the password again on the next call after loading it failed', async () => {
    const server = cleanup.server(await startValkeyServer({ password: 'lazy-token' }));
    const loadPassword = jest.fn().mockRejectedValueOnce(new Error('secret not found')).mockResolvedValue('lazy-token');
    const client = lazyValkeyClient({ host: server.host, port: server.port, loadPassword });
    cleanup.closer(() => client.close());
    const queue = new ActionQueue(client);
    const call = newCall();

    await expect(queue.push(speak(call, 'first try'))).rejects.toThrow('secret not found');
    await queue.push(speak(call, 'second try'));

    expect(loadPassword).toHaveBeenCalledTimes(2);
    expect(await queue.pull(call.companyMarker, call.guid)).toEqual(speak(call, 'second try'));
  });
});
