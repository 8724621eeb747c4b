import { type AsappEmulator, type CallTransfer, startAsappEmulator } from '../src';

const credentials = { apiId: 'test-id', apiSecret: 'test-secret-value' };
const authHeaders = { 'asapp-api-id': credentials.apiId, 'asapp-api-secret': credentials.apiSecret };
const jsonHeaders = { ...authHeaders, 'content-type': 'application/json' };

const engageBody = {
  namespace: 'amazonconnect',
  guid: 'contact-1',
  language: 'en-US',
  customerId: '+15551230000',
  inputVariables: { taskName: 'billing' },
  amazonConnectParams: { streamArn: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/connect-contact-1/1' },
};

const transferBody = {
  id: 'contact-2',
  externalConversationId: 'contact-2',
  type: 'PHONE_NUMBER',
  phoneNumber: { country: 'US' },
  inputContext: { taskName: 'billing', inputVariables: { customerId: '+15551230000' } },
};

let emulator: AsappEmulator;

beforeEach(async () => {
  emulator = await startAsappEmulator({ credentials });
});
afterEach(async () => {
  await emulator.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = jsonHeaders) {
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function expectAsappError(response: Response, status: number, messagePart: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toEqual({
    error: { requestId: expect.any(String), code: `${status}-01`, message: expect.stringContaining(messagePart) },
  });
}

describe('startup', () => {
  it('listens on an ephemeral loopback port and generates a secret when none is given', async () => {
    const other = await startAsappEmulator();
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(other.url).not.toBe(emulator.url);
      expect(other.credentials.apiSecret).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await other.close();
    }
  });

  it('rejects invalid options naming the field', async () => {
    await expect(startAsappEmulator({ port: -1 })).rejects.toThrow(/port/);
  });
});

describe('authentication', () => {
  it.each([
    ['missing headers', { 'content-type': 'application/json' }],
    ['a wrong secret', { ...jsonHeaders, 'asapp-api-secret': 'nope' }],
    ['a wrong id', { ...jsonHeaders, 'asapp-api-id': 'nope' }],
  ])('answers 401 with ASAPP error body for %s', async (_case, headers) => {
    await expectAsappError(await post('/mg-genagent/v1/engage', engageBody, headers), 401, 'asapp-api-id');
  });
});

describe('engage', () => {
  it('accepts a documented request, records it with the secret redacted and notifies listeners after replying', async () => {
    const engaged = new Promise((resolve) => emulator.onEngage(resolve));

    const response = await post('/mg-genagent/v1/engage', engageBody);

    expect(response.status).toBe(200);
    await expect(engaged).resolves.toEqual(engageBody);
    expect(emulator.requests).toEqual([
      {
        endpoint: 'engage',
        method: 'POST',
        path: '/mg-genagent/v1/engage',
        headers: expect.objectContaining({ 'asapp-api-id': 'test-id', 'asapp-api-secret': '[redacted]' }),
        body: engageBody,
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it('accepts an engage without customerId (a withheld caller id), as ASAPP\'s own Lambda sends it', async () => {
    const { customerId: _withheld, ...withoutCustomer } = engageBody;
    expect((await post('/mg-genagent/v1/engage', withoutCustomer)).status).toBe(200);
  });

  it('stops notifying a listener once unsubscribed', async () => {
    const seen: string[] = [];
    const unsubscribe = emulator.onEngage((request) => {
      seen.push(request.guid);
    });
    const second = new Promise((resolve) => emulator.onEngage(resolve));
    unsubscribe();

    await post('/mg-genagent/v1/engage', engageBody);
    await second;

    expect(seen).toEqual([]);
  });

  it('reports a failing listener on stderr and keeps serving and notifying others', async () => {
    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      emulator.onEngage(() => Promise.reject(new Error('sandbox exploded')));
      const healthy = new Promise((resolve) => emulator.onEngage(resolve));

      expect((await post('/mg-genagent/v1/engage', engageBody)).status).toBe(200);
      await healthy;
      while (report.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      expect(report).toHaveBeenCalledWith('asapp-emulator: onEngage listener failed:', new Error('sandbox exploded'));
      expect((await post('/mg-genagent/v1/engage', engageBody)).status).toBe(200);
    } finally {
      report.mockRestore();
    }
  });

  it.each([
    ['a missing stream ARN', { ...engageBody, amazonConnectParams: {} }, 'amazonConnectParams.streamArn'],
    ['a wrong namespace', { ...engageBody, namespace: 'connect' }, 'namespace'],
    ['an undocumented top-level field', { ...engageBody, taskName: 'billing' }, 'taskName'],
    ['missing inputVariables', { ...engageBody, inputVariables: undefined }, 'inputVariables'],
    ['an empty customerId', { ...engageBody, customerId: '' }, 'customerId'],
  ])('answers 400 naming the field for %s, without notifying', async (_case, body, field) => {
    const listener = jest.fn();
    emulator.onEngage(listener);
    await expectAsappError(await post('/mg-genagent/v1/engage', body), 400, field);
    expect(listener).not.toHaveBeenCalled();
  });

  it('answers 400 for a body that is not JSON or not declared as JSON', async () => {
    const notJson = await fetch(`${emulator.url}/mg-genagent/v1/engage`, { method: 'POST', headers: jsonHeaders, body: '{' });
    await expectAsappError(notJson, 400, 'not valid JSON');
    const textPlain = await post('/mg-genagent/v1/engage', engageBody, { ...authHeaders, 'content-type': 'text/plain' });
    await expectAsappError(textPlain, 400, 'Content-Type');
  });
});

describe('call transfers', () => {
  it('creates a transfer with a fresh E.164 number expiring in about a minute, then returns it', async () => {
    const created = await post('/generativeagent/v1/call-transfers', transferBody);
    expect(created.status).toBe(200);
    const transfer = (await created.json()) as CallTransfer;
    expect(transfer).toMatchObject({
      id: 'contact-2',
      externalConversationId: 'contact-2',
      status: 'ACTIVE',
      type: 'PHONE_NUMBER',
      phoneNumber: { transferNumber: expect.stringMatching(/^\+1555\d{7}$/), country: 'US' },
      inputContext: transferBody.inputContext,
    });
    const lifetimeMs = Date.parse(transfer.phoneNumber.expiresAt) - Date.parse(transfer.createdAt);
    expect(lifetimeMs).toBe(60_000);

    const other = (await (await post('/generativeagent/v1/call-transfers', { ...transferBody, id: 'contact-3' })).json()) as CallTransfer;
    expect(other.phoneNumber.transferNumber).not.toBe(transfer.phoneNumber.transferNumber);

    const fetched = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/contact-2`, { headers: authHeaders });
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(transfer);
  });

  it('completes a transfer with the output context GenerativeAgent hands back', async () => {
    await post('/generativeagent/v1/call-transfers', transferBody);
    emulator.completeCallTransfer('contact-2', {
      transferType: 'SYSTEM',
      currentTaskName: 'billing',
      transferVariables: { reason: 'paid' },
    });

    const fetched = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/contact-2`, { headers: authHeaders });

    expect(await fetched.json()).toMatchObject({
      status: 'COMPLETED',
      completedAt: expect.any(String),
      outputContext: {
        transferType: 'SYSTEM',
        currentTaskName: 'billing',
        referenceVariables: {},
        transferVariables: { reason: 'paid' },
      },
    });
  });

  it('refuses to complete an unknown transfer or with an invalid output context', async () => {
    expect(() => emulator.completeCallTransfer('nope', { transferType: 'AGENT', currentTaskName: 't' })).toThrow(
      /no call transfer with id "nope"/,
    );
    await post('/generativeagent/v1/call-transfers', transferBody);
    expect(() =>
      emulator.completeCallTransfer('contact-2', { transferType: 'HUMAN' as 'AGENT', currentTaskName: 't' }),
    ).toThrow(/transferType/);
  });

  it('answers 404 for an unknown id and 409 for a duplicate id', async () => {
    const unknown = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/nope`, { headers: authHeaders });
    await expectAsappError(unknown, 404, '"nope" not found');
    await post('/generativeagent/v1/call-transfers', transferBody);
    await expectAsappError(await post('/generativeagent/v1/call-transfers', transferBody), 409, 'already exists');
  });

  it('answers 400 naming the field for an invalid create body', async () => {
    const body = { ...transferBody, phoneNumber: { country: 'FR' } };
    await expectAsappError(await post('/generativeagent/v1/call-transfers', body), 400, 'phoneNumber.country');
  });
});

describe('unknown routes', () => {
  it('answers 404 in ASAPP error shape and records the request as unknown', async () => {
    const response = await fetch(`${emulator.url}/mg-genagent/v1/engage`, { headers: authHeaders });
    await expectAsappError(response, 404, 'GET /mg-genagent/v1/engage');
    expect(emulator.requests.map((request) => request.endpoint)).toEqual(['unknown']);
  });
});

describe('behaviour overrides', () => {
  it('replies with ASAPP error body for a status override, and resumes once cleared', async () => {
    emulator.setBehaviour('engage', { status: 503 });
    await expectAsappError(await post('/mg-genagent/v1/engage', engageBody), 503, 'setBehaviour');

    emulator.setBehaviour('engage', undefined);
    expect((await post('/mg-genagent/v1/engage', engageBody)).status).toBe(200);
  });

  it('replies with a given body verbatim: JSON for objects, text for strings', async () => {
    emulator.setBehaviour('createCallTransfer', { body: { unexpected: true } });
    const json = await post('/generativeagent/v1/call-transfers', transferBody);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ unexpected: true });

    emulator.setBehaviour('getCallTransfer', { status: 502, body: '<html>Bad gateway</html>' });
    const text = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/x`, { headers: authHeaders });
    expect(text.status).toBe(502);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await text.text()).toBe('<html>Bad gateway</html>');
  });

  it('delays the reply by delayMs, without holding up other endpoints', async () => {
    emulator.setBehaviour('engage', { delayMs: 500 });
    const order: string[] = [];
    const engage = post('/mg-genagent/v1/engage', engageBody).then((response) => order.push(`engage ${response.status}`));
    const transfer = post('/generativeagent/v1/call-transfers', transferBody).then((response) =>
      order.push(`transfer ${response.status}`),
    );
    await Promise.all([engage, transfer]);
    expect(order).toEqual(['transfer 200', 'engage 200']);
  });

  it('closes without waiting for a pending delayed reply, and tolerates a second close', async () => {
    emulator.setBehaviour('engage', { delayMs: 60_000 });
    const pending = post('/mg-genagent/v1/engage', engageBody).then(
      () => 'answered',
      () => 'connection closed',
    );
    while (emulator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await emulator.close();
    await expect(pending).resolves.toBe('connection closed');
  });

  it('rejects an invalid override naming the field', () => {
    expect(() => emulator.setBehaviour('engage', { status: 42 })).toThrow(/status/);
    expect(() => emulator.setBehaviour('engage', { delayMs: -1 })).toThrow(/delayMs/);
    expect(() => emulator.setBehaviour('engage', { times: 0 })).toThrow(/times/);
    expect(() => emulator.setBehaviour('engage', { fault: 'close' as 'reset' })).toThrow(/fault/);
    expect(() => emulator.resetNextConnections(-1)).toThrow(/count/);
  });

  it('applies an override to the next `times` requests only, then answers normally', async () => {
    emulator.setBehaviour('getCallTransfer', { status: 503, times: 2 });
    const get = () => fetch(`${emulator.url}/generativeagent/v1/call-transfers/x`, { headers: authHeaders });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get()).status);
    expect(statuses).toEqual([503, 503, 404]);
  });

  it('resets the connection after reading (and recording) the request for fault "reset"', async () => {
    emulator.setBehaviour('engage', { fault: 'reset', times: 1 });
    const failure = await post('/mg-genagent/v1/engage', engageBody).catch((error: Error) => error);
    expect(failure).toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    expect(emulator.requests.map((request) => request.endpoint)).toEqual(['engage']);
    expect((await post('/mg-genagent/v1/engage', engageBody)).status).toBe(200);
  });

  it('resets new connections before reading any request, as many as asked', async () => {
    emulator.resetNextConnections(1);
    const failure = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/x`, { headers: authHeaders }).catch(
      (error: Error) => error,
    );
    expect((failure as Error).cause).toMatchObject({ code: 'ECONNRESET', syscall: 'connect' });
    expect(emulator.requests).toHaveLength(0);
    const answered = await fetch(`${emulator.url}/generativeagent/v1/call-transfers/x`, { headers: authHeaders });
    expect(answered.status).toBe(404);
  });
});
