import { inspect } from 'node:util';
import { AsappClient, type AsappClientError } from '../src';
import { engageInput, rejectionOf, useEmulator } from './fixtures';

const context = useEmulator({ timeoutMs: 200 });

/** Every way an error or client might end up in a log. */
function renderings(value: unknown): string[] {
  const chain: unknown[] = [];
  for (let link: unknown = value; link instanceof Error; link = link.cause) chain.push(link);
  return [
    String(value),
    JSON.stringify(value),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ...chain.flatMap((link) => [(link as Error).message, (link as Error).stack ?? '', JSON.stringify(link)]),
  ];
}

function expectNoSecret(value: unknown, secret: string) {
  for (const text of renderings(value)) expect(text).not.toContain(secret);
}

describe('the API secret never leaks', () => {
  it('is absent from the client however it is rendered', () => {
    expectNoSecret(context.client, context.emulator.credentials.apiSecret);
  });

  it('is absent from every kind of error', async () => {
    const { apiSecret } = context.emulator.credentials;
    const errors: AsappClientError[] = [];

    context.emulator.setBehaviour('engage', { status: 500 });
    errors.push(await rejectionOf(context.client.engage(engageInput)));
    context.emulator.setBehaviour('engage', { delayMs: 5_000 });
    errors.push(await rejectionOf(context.client.engage(engageInput)));
    context.emulator.setBehaviour('getCallTransfer', { body: 'not json' });
    errors.push(await rejectionOf(context.client.getCallTransfer('x')));
    const url = context.emulator.url;
    await context.emulator.close();
    errors.push(await rejectionOf(new AsappClient({ host: url, credentials: { apiId: 'i', apiSecret } }).engage(engageInput)));

    expect(errors.map((error) => error.kind)).toEqual(['api', 'timeout', 'invalid-response', 'network']);
    for (const error of errors) expectNoSecret(error, apiSecret);
  });

  it('is redacted when ASAPP echoes it back in an error body or status text', async () => {
    const { apiSecret } = context.emulator.credentials;
    context.emulator.setBehaviour('engage', {
      status: 400,
      body: { error: { requestId: 'r-1', code: '400-02', message: `invalid secret ${apiSecret}` } },
    });

    const error = await rejectionOf(context.client.engage(engageInput));

    expect(error).toMatchObject({ asappError: { message: 'invalid secret [redacted]' } });
    expectNoSecret(error, apiSecret);
  });

  it('is redacted, with the API id, from the excerpt of a body that is not ASAPP\'s envelope', async () => {
    const { apiId, apiSecret } = context.emulator.credentials;
    context.emulator.setBehaviour('engage', { status: 502, body: `<pre>proxy saw headers ${apiId}:${apiSecret}</pre>` });

    const error = await rejectionOf(context.client.engage(engageInput));

    expect(error).toMatchObject({ bodyExcerpt: 'proxy saw headers [redacted]:[redacted]' });
    expectNoSecret(error, apiSecret);
    expectNoSecret(error, apiId);
  });

  it('is absent from the error when a provided secret is not a valid header value', async () => {
    // fetch would reject such a header with an error quoting its value.
    const apiSecret = 'line-one\nline-two';
    const client = new AsappClient({ host: context.emulator.url, credentials: async () => ({ apiId: 'id', apiSecret }) });

    const error = await client.engage(engageInput).catch((reason: unknown) => reason);

    expect(String(error)).toMatch(/apiSecret: must be non-empty printable ASCII/);
    expectNoSecret(error, 'line-two');
    expect(context.emulator.requests).toHaveLength(0);
  });

  it('is absent from the message when the client is constructed with invalid options', () => {
    const apiSecret = 'super-secret-value';
    const attempt = () => new AsappClient({ host: 'ftp://api.asapp.com', credentials: { apiId: '', apiSecret } });
    expect(attempt).toThrow(/host: .*scheme ftp:.*credentials/s);
    try {
      attempt();
    } catch (error) {
      expectNoSecret(error, apiSecret);
    }
  });
});
