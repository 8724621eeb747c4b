import { type LocalValkeyServer, pingValkey, startValkeyServer } from '../src';

describe('startValkeyServer', () => {
  const started: LocalValkeyServer[] = [];
  const start = async (options?: Parameters<typeof startValkeyServer>[0]) => {
    const server = await startValkeyServer(options);
    started.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
  });

  it('starts a server on 127.0.0.1 that answers PING', async () => {
    const server = await start();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(server.binary).toMatch(/\/(valkey|redis)-server$/);
    expect(await pingValkey(server.host, server.port)).toBe(true);
  });

  it('gives two servers different ports', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    expect(first?.port).not.toBe(second?.port);
  });

  it('stop() ends the server and can be called twice', async () => {
    const server = await start();
    await server.stop();
    expect(await pingValkey(server.host, server.port)).toBe(false);
    await server.stop();
  });

  it('restart() brings the server back on the same port', async () => {
    const server = await start();
    const { port } = server;
    await server.restart();
    expect(server.port).toBe(port);
    expect(await pingValkey(server.host, port)).toBe(true);
  });

  it('kill() simulates a crash; restart() recovers from it', async () => {
    const server = await start();
    await server.kill();
    expect(await pingValkey(server.host, server.port)).toBe(false);
    await server.restart();
    expect(await pingValkey(server.host, server.port)).toBe(true);
  });

  it('pause() makes the server unresponsive until resume(); stop() works on a paused server', async () => {
    const server = await start();
    server.pause();
    expect(await pingValkey(server.host, server.port, { timeoutMs: 200 })).toBe(false);
    server.resume();
    expect(await pingValkey(server.host, server.port)).toBe(true);
    server.pause();
    await server.stop();
    expect(await pingValkey(server.host, server.port)).toBe(false);
  });

  it('requires AUTH when started with a password', async () => {
    const server = await start({ password: 'local test p@ss' });
    expect(server.url).toBe(`redis://:local%20test%20p%40ss@127.0.0.1:${server.port}`);
    expect(await pingValkey(server.host, server.port)).toBe(false);
    expect(await pingValkey(server.host, server.port, { password: 'wrong' })).toBe(false);
    expect(await pingValkey(server.host, server.port, { password: 'local test p@ss' })).toBe(true);
  });
});
