import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type Server } from 'node:net';
import { AsappClient, AsappNetworkError, AsappTimeoutError } from '../src';
import { engageInput, rejectionOf, useEmulator } from './fixtures';

const context = useEmulator({ timeoutMs: 300 });

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function close(server: Server | ReturnType<typeof createHttpServer>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('timeouts', () => {
  it('reports a reply slower than the client timeout as a timeout, in well under the delay', async () => {
    context.emulator.setBehaviour('engage', { delayMs: 10_000 });
    const started = Date.now();

    const error = await rejectionOf(context.client.engage(engageInput));

    expect(error).toBeInstanceOf(AsappTimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', operation: 'engage', timeoutMs: 300 });
    expect(error.message).toBe('ASAPP engage failed: no response within 300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('applies a per-call timeout over the client default', async () => {
    context.emulator.setBehaviour('getCallTransfer', { delayMs: 10_000 });
    const error = await rejectionOf(context.client.getCallTransfer('x', { timeoutMs: 50 }));
    expect(error).toMatchObject({ kind: 'timeout', operation: 'getCallTransfer', timeoutMs: 50 });
  });

  it('covers the body too: headers in time but a body that never ends is a timeout', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"id":');
    });
    const port = await listen(server);
    try {
      const client = new AsappClient({ host: `http://127.0.0.1:${port}`, credentials: { apiId: 'i', apiSecret: 's' } });
      const error = await rejectionOf(client.getCallTransfer('x', { timeoutMs: 200 }));
      expect(error.kind).toBe('timeout');
    } finally {
      server.closeAllConnections();
      await close(server);
    }
  });

  it('rejects a per-call timeout that is not a positive integer', async () => {
    await expect(context.client.engage(engageInput, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be a positive integer/);
  });
});

describe('network failures', () => {
  it('reports a closed port as a network error carrying the system error', async () => {
    const probe = createTcpServer();
    const port = await listen(probe);
    await close(probe);
    const client = new AsappClient({ host: `http://127.0.0.1:${port}`, credentials: { apiId: 'i', apiSecret: 's' } });

    const error = await rejectionOf(client.engage(engageInput));

    expect(error).toBeInstanceOf(AsappNetworkError);
    expect(error).toMatchObject({ kind: 'network', operation: 'engage' });
    expect(error.message).toMatch(/^ASAPP engage failed: network error: .*ECONNREFUSED/);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
  });

  it('reports a connection the server drops without answering as a network error', async () => {
    const server = createTcpServer((socket) => socket.destroy());
    const port = await listen(server);
    try {
      const client = new AsappClient({ host: `http://127.0.0.1:${port}`, credentials: { apiId: 'i', apiSecret: 's' } });
      await expect(rejectionOf(client.createCallTransfer({ id: 'x', externalConversationId: 'x', inputVariables: {} }))).resolves.toMatchObject({
        kind: 'network',
        operation: 'createCallTransfer',
      });
    } finally {
      await close(server);
    }
  });
});
