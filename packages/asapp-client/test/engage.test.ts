import { AsappApiError, AsappClient, BODY_EXCERPT_LENGTH } from '../src';
import { engageInput, rejectionOf, useEmulator } from './fixtures';

const context = useEmulator();

describe('engage', () => {
  it('posts the documented body and headers and returns the 2xx status', async () => {
    const result = await context.client.engage(engageInput);

    expect(result).toEqual({ status: 200 });
    const [request] = context.emulator.requests;
    expect(request).toMatchObject({ endpoint: 'engage', method: 'POST', path: '/mg-genagent/v1/engage' });
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'asapp-api-id': context.emulator.credentials.apiId,
      'asapp-api-secret': '[redacted]',
    });
    expect(request?.body).toEqual({
      namespace: 'amazonconnect',
      guid: 'contact-1',
      language: 'en-US',
      customerId: '+15551230000',
      inputVariables: { taskName: 'billing', accountId: 'A-42' },
      amazonConnectParams: { streamArn: engageInput.streamArn },
    });
  });

  it('omits customerId when the caller is unknown', async () => {
    await context.client.engage({ ...engageInput, customerId: undefined });
    expect(context.emulator.requests[0]?.body).not.toHaveProperty('customerId');
  });

  it('treats any 2xx as success', async () => {
    context.emulator.setBehaviour('engage', { status: 202, body: '' });
    await expect(context.client.engage(engageInput)).resolves.toEqual({ status: 202 });
  });

  it('fetches credentials from an async provider', async () => {
    const provider = jest.fn(async () => context.emulator.credentials);
    const client = new AsappClient({ host: context.emulator.url, credentials: provider });

    await client.engage(engageInput);

    expect(provider).toHaveBeenCalledTimes(1);
    expect(context.emulator.requests).toHaveLength(1);
  });

  it('lets a failing credentials provider error through unchanged, without calling ASAPP', async () => {
    const failure = new Error('Secrets Manager unavailable');
    const client = new AsappClient({ host: context.emulator.url, credentials: () => Promise.reject(failure) });

    await expect(client.engage(engageInput)).rejects.toBe(failure);
    expect(context.emulator.requests).toHaveLength(0);
  });

  it('rejects a provider that resolves to something other than credentials', async () => {
    const client = new AsappClient({
      host: context.emulator.url,
      credentials: async () => ({ apiId: 'id', apiSecret: '' }),
    });
    await expect(client.engage(engageInput)).rejects.toThrow(
      'The ASAPP credentials provider must resolve to {apiId, apiSecret}: apiSecret: must be non-empty printable ASCII without spaces',
    );
  });

  it('reports 401 with ASAPP error body as an api error', async () => {
    const client = new AsappClient({
      host: context.emulator.url,
      credentials: { apiId: context.emulator.credentials.apiId, apiSecret: 'wrong-secret' },
    });

    const error = await rejectionOf(client.engage(engageInput));

    expect(error).toBeInstanceOf(AsappApiError);
    expect(error).toMatchObject({
      kind: 'api',
      operation: 'engage',
      status: 401,
      statusText: 'Unauthorized',
      asappError: { requestId: expect.any(String), code: '401-01', message: expect.stringContaining('asapp-api-id') },
    });
    expect(error.message).toMatch(/^ASAPP engage failed: HTTP 401 Unauthorized \(401-01 - /);
  });

  it('reports 500 with ASAPP error body, keeping its requestId, code and message', async () => {
    const asappError = { requestId: 'req-123', code: '500-03', message: 'GenerativeAgent unavailable' };
    context.emulator.setBehaviour('engage', { status: 500, body: { error: asappError } });

    const error = await rejectionOf(context.client.engage(engageInput));

    expect(error).toMatchObject({ kind: 'api', status: 500, asappError });
    expect(error.message).toBe(
      'ASAPP engage failed: HTTP 500 Internal Server Error (500-03 - GenerativeAgent unavailable, requestId req-123)',
    );
  });

  it('reports 500 with a non-JSON body as an api error carrying a short excerpt of it', async () => {
    context.emulator.setBehaviour('engage', { status: 500, body: '<html>\n  <h1>upstream\terror</h1>\n</html>' });

    const error = await rejectionOf(context.client.engage(engageInput));

    expect(error).toMatchObject({ kind: 'api', status: 500, asappError: null, bodyExcerpt: 'upstream error' });
    expect(error.message).toBe('ASAPP engage failed: HTTP 500 Internal Server Error: upstream error');
  });

  it('bounds the excerpt of a long body and collapses its whitespace', async () => {
    context.emulator.setBehaviour('engage', { status: 502, body: `line one\r\n\r\n${'x'.repeat(1000)}` });
    const error = await rejectionOf(context.client.engage(engageInput));
    const { bodyExcerpt } = error as AsappApiError;
    expect(bodyExcerpt).toHaveLength(BODY_EXCERPT_LENGTH);
    expect(bodyExcerpt).toMatch(/^line one x+…$/);
  });

  it('reports an empty error body with the status alone', async () => {
    context.emulator.setBehaviour('engage', { status: 503, body: '' });
    const error = await rejectionOf(context.client.engage(engageInput));
    expect(error).toMatchObject({ status: 503, asappError: null, bodyExcerpt: '' });
    expect(error.message).toBe('ASAPP engage failed: HTTP 503 Service Unavailable');
  });

  it.each([
    ['code and message, no requestId', { code: '403-01', message: 'Forbidden' }, { code: '403-01', message: 'Forbidden' }, '(403-01 - Forbidden)'],
    ['a message only', { message: 'Forbidden' }, { message: 'Forbidden' }, '(Forbidden)'],
    ['a numeric code and a null message', { code: 403, message: null, requestId: 'r-9' }, { code: '403', requestId: 'r-9' }, '(403, requestId r-9)'],
    ['extra fields', { code: '403-02', message: 'No access', details: [1] }, { code: '403-02', message: 'No access' }, '(403-02 - No access)'],
  ])('keeps what an ASAPP error envelope with %s holds', async (_case, envelope, asappError, detail) => {
    context.emulator.setBehaviour('engage', { status: 403, body: { error: envelope } });
    const error = await rejectionOf(context.client.engage(engageInput));
    expect(error).toMatchObject({ kind: 'api', status: 403 });
    expect((error as AsappApiError).asappError).toEqual(asappError);
    expect(error.message).toBe(`ASAPP engage failed: HTTP 403 Forbidden ${detail}`);
  });

  it('treats an envelope with none of requestId, code, message as no envelope', async () => {
    context.emulator.setBehaviour('engage', { status: 403, body: { error: { reason: 'x' } } });
    const error = await rejectionOf(context.client.engage(engageInput));
    expect(error).toMatchObject({ asappError: null, bodyExcerpt: '{"error":{"reason":"x"}}' });
  });

  it('reports a JSON error body of another shape as an api error without ASAPP detail', async () => {
    context.emulator.setBehaviour('engage', { status: 400, body: { message: 'bad' } });
    await expect(rejectionOf(context.client.engage(engageInput))).resolves.toMatchObject({ status: 400, asappError: null });
  });
});
