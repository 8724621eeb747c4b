import { EXTERNAL_SERVER_BINARY, externalValkeyServer, pingValkey, startValkeyServer } from '../src';

describe('externalValkeyServer (VALKEY_URL)', () => {
  it('describes the server named by the URL', () => {
    const server = externalValkeyServer('redis://:s%40cret@valkey.internal:6380');
    expect(server).toMatchObject({
      host: 'valkey.internal',
      port: 6380,
      password: 's@cret',
      url: 'redis://:s%40cret@valkey.internal:6380',
      binary: EXTERNAL_SERVER_BINARY,
    });
    expect(externalValkeyServer('redis://localhost').port).toBe(6379);
  });

  it('can be used against a running server, and stop() leaves that server running', async () => {
    const owned = await startValkeyServer();
    try {
      const external = externalValkeyServer(owned.url);
      expect(await pingValkey(external.host, external.port)).toBe(true);
      await external.stop();
      expect(await pingValkey(owned.host, owned.port)).toBe(true);
    } finally {
      await owned.stop();
    }
  });

  it('refuses operations that need a server this process owns', async () => {
    const server = externalValkeyServer('redis://127.0.0.1:6379');
    await expect(server.restart()).rejects.toThrow(/restart\(\) needs a server this process started/);
    await expect(server.kill()).rejects.toThrow(/Install redis-server/);
    expect(() => server.pause()).toThrow(/pause\(\)/);
  });

  it('rejects URLs it cannot honour', () => {
    expect(() => externalValkeyServer('not a url')).toThrow(/redis:\/\/\[:password@\]host:port/);
    expect(() => externalValkeyServer('rediss://host:6379')).toThrow(/TLS is not supported/);
  });
});
