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

describe('retries', () => {
  const transferInput = { id: 'contact-5', externalConversationId: 'contact-5', inputVariables: {} };
  const requestsTo = (endpoint: string) => context.emulator.requests.filter((request) => request.endpoint === endpoint);

  async function refusingClient() {
    const probe = createTcpServer();
    const port = await listen(probe);
    await close(probe);
    return new AsappClient({ host: `http://127.0.0.1:${port}`, credentials: { apiId: 'i', apiSecret: 's' }, timeoutMs: 2000 });
  }

  it.each([
    ['engage', (client: AsappClient, onRetry: () => void) => client.engage(engageInput, { onRetry })],
    ['createCallTransfer', (client: AsappClient, onRetry: () => void) => client.createCallTransfer(transferInput, { onRetry })],
    ['getCallTransfer', (client: AsappClient, onRetry: () => void) => client.getCallTransfer('x', { onRetry })],
  ])('%s: retries a refused connection once (nothing was sent), then gives up', async (_operation, call) => {
    const onRetry = jest.fn();
    const error = await rejectionOf(call(await refusingClient(), onRetry));
    expect(error).toMatchObject({ kind: 'network', attempts: 2, beforeRequestSent: true });
    expect(error.message).toMatch(/ECONNREFUSED.*\(after 2 attempts\)$/);
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onRetry.mock.calls[0]?.[0]).toMatchObject({ kind: 'network', attempts: 1 });
  });

  it('POST engage: a connection reset while connecting is retried, and ASAPP receives the request once', async () => {
    context.emulator.resetNextConnections(1);
    const onRetry = jest.fn();
    await expect(context.client.engage(engageInput, { onRetry })).resolves.toEqual({ status: 200 });
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(requestsTo('engage')).toHaveLength(1);
  });

  it.each([
    ['a reset after the request reached ASAPP', { fault: 'reset' as const }, 'network'],
    ['a 503', { status: 503 }, 'api'],
    ['a 500 with ASAPP envelope', { status: 500 }, 'api'],
    ['no answer in time', { delayMs: 5_000 }, 'timeout'],
  ])('POST engage and createCallTransfer: never resent after %s', async (_case, behaviour, kind) => {
    context.emulator.setBehaviour('engage', { ...behaviour, times: 1 });
    context.emulator.setBehaviour('createCallTransfer', { ...behaviour, times: 1 });
    const onRetry = jest.fn();

    const errors = [
      await rejectionOf(context.client.engage(engageInput, { onRetry })),
      await rejectionOf(context.client.createCallTransfer(transferInput, { onRetry })),
    ];

    expect(errors).toMatchObject([
      { kind, attempts: 1 },
      { kind, attempts: 1 },
    ]);
    expect(onRetry).not.toHaveBeenCalled();
    expect(requestsTo('engage')).toHaveLength(1);
    expect(requestsTo('createCallTransfer')).toHaveLength(1);
  });

  it.each([
    ['a 503', { status: 503 }],
    ['a 502 with a proxy page', { status: 502, body: '<html>Bad gateway</html>' }],
    ['a reset after the request was sent', { fault: 'reset' as const }],
    ['no answer within half the budget', { delayMs: 5_000 }],
  ])('GET call-transfers: retried once after %s, within the budget', async (_case, behaviour) => {
    await context.client.createCallTransfer(transferInput);
    context.emulator.setBehaviour('getCallTransfer', { ...behaviour, times: 1 });
    const onRetry = jest.fn();

    const transfer = await context.client.getCallTransfer('contact-5', { timeoutMs: 1000, onRetry });

    expect(transfer).toMatchObject({ id: 'contact-5', status: 'ACTIVE' });
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(requestsTo('getCallTransfer')).toHaveLength(2);
  });

  it('GET call-transfers: gives up after the retry fails too, reporting both attempts', async () => {
    context.emulator.setBehaviour('getCallTransfer', { status: 503 });
    const error = await rejectionOf(context.client.getCallTransfer('x', { timeoutMs: 1000 }));
    expect(error).toMatchObject({ kind: 'api', status: 503, attempts: 2 });
    expect(requestsTo('getCallTransfer')).toHaveLength(2);
  });

  it('GET call-transfers: two timeouts report the whole budget', async () => {
    context.emulator.setBehaviour('getCallTransfer', { delayMs: 5_000 });
    const error = await rejectionOf(context.client.getCallTransfer('x', { timeoutMs: 600 }));
    expect(error).toMatchObject({ kind: 'timeout', timeoutMs: 600, attempts: 2 });
    expect(error.message).toBe('ASAPP getCallTransfer failed: no response within 600 ms (after 2 attempts)');
  });

  it('does not retry when too little of the budget is left for an answer to help', async () => {
    context.emulator.setBehaviour('getCallTransfer', { status: 503, delayMs: 150 });
    const error = await rejectionOf(context.client.getCallTransfer('x', { timeoutMs: 300 }));
    expect(error).toMatchObject({ attempts: 1 });
    expect(requestsTo('getCallTransfer')).toHaveLength(1);
  });

  it('does not retry a 4xx, even for a GET', async () => {
    const error = await rejectionOf(context.client.getCallTransfer('unknown', { timeoutMs: 1000 }));
    expect(error).toMatchObject({ kind: 'api', status: 404, attempts: 1 });
  });
});
