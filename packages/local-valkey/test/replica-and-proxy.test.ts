import { connect } from 'node:net';
import { pingValkey, rawCommand, startTcpProxy, startValkeyServer } from '../src';

describe('a replica (replicaof) and its promotion', () => {
  it('starts synced with the primary, follows its writes, and takes writes once promoted', async () => {
    const primary = await startValkeyServer({ password: 'pw' });
    const replica = await startValkeyServer({ replicaOf: primary });
    try {
      expect(await replica.command(['INFO', 'replication'])).toMatch(/role:slave[\s\S]*master_link_status:up/);
      await primary.command(['SET', 'k', 'v']);
      expect(await primary.command(['WAIT', '1', '1000'])).toBe('1');
      expect(await replica.command(['GET', 'k'])).toBe('v');
      await expect(replica.command(['SET', 'k', 'w'])).rejects.toThrow(/READONLY/);

      await primary.kill();
      expect(await replica.command(['REPLICAOF', 'NO', 'ONE'])).toBe('OK');
      expect(await replica.command(['SET', 'k', 'w'])).toBe('OK');
    } finally {
      await replica.stop();
      await primary.stop();
    }
  });
});

describe('startTcpProxy', () => {
  it('forwards to its target, switches new connections to another, and drops the open ones', async () => {
    const [first, second] = await Promise.all([startValkeyServer(), startValkeyServer()]);
    const proxy = await startTcpProxy(first);
    try {
      await first.command(['SET', 'who', 'first']);
      await second.command(['SET', 'who', 'second']);
      expect(await rawCommand(proxy.host, proxy.port, ['GET', 'who'])).toBe('first');

      const open = connect({ host: proxy.host, port: proxy.port });
      await new Promise((resolve) => open.once('connect', resolve));
      const closed = new Promise<string>((resolve) => {
        open.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        open.once('close', () => resolve('closed'));
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(proxy.connectionCount()).toBe(1);
      proxy.switchTo(second);
      proxy.dropConnections();
      expect(await closed).toBe('ECONNRESET');
      expect(await rawCommand(proxy.host, proxy.port, ['GET', 'who'])).toBe('second');
      expect(await pingValkey(proxy.host, proxy.port)).toBe(true);
    } finally {
      await proxy.close();
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});
