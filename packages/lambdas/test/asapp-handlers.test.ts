import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  engageHandlerFromEnvironment,
  type Environment,
} from '../src';
import { asappEnvironment } from './support/asapp-environment';
import { CALLER_NUMBER, contactFlowEvent, STREAM_ARN } from './support/connect-events';

let emulator: AsappEmulator;

beforeAll(async () => {
  emulator = await startAsappEmulator();
});
afterAll(() => emulator.close());
afterEach(() => {
  for (const endpoint of ['engage', 'createCallTransfer', 'getCallTransfer'] as const) emulator.setBehaviour(endpoint, undefined);
});

function requestsTo(endpoint: string) {
  return emulator.requests.filter((request) => request.endpoint === endpoint);
}

describe('engage', () => {
  const mapping = JSON.stringify({ InitialTask: 'taskName', Acct: 'AccountNumber' });

  it('engages with guid = ContactId, the caller, the stream and only the mapped attributes', async () => {
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator, { ATTRIBUTES_TO_INPUT_VARIABLES: mapping }) });
    const response = await engage(
      contactFlowEvent({
        contactId: 'engage-ok',
        attributes: { InitialTask: 'billing', Acct: '42', ASAPP_CompanyMarker: 'acme', Unmapped: 'x' },
      }),
    );
    expect(response).toEqual({ result: 'success', asappStatusCode: 200, asappErrorResponse: null, errorMessage: '' });
    expect(requestsTo('engage').at(-1)?.body).toEqual({
      namespace: 'amazonconnect',
      guid: 'engage-ok',
      language: 'en-US',
      customerId: CALLER_NUMBER,
      inputVariables: { taskName: 'billing', AccountNumber: '42' },
      amazonConnectParams: { streamArn: STREAM_ARN },
    });
  });

  it('refuses a call whose media streaming has not started, without sending a request', async () => {
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    const before = requestsTo('engage').length;
    const response = await engage(contactFlowEvent({ streamArn: null }));
    expect(response).toMatchObject({ result: 'error', asappStatusCode: 0, asappErrorResponse: null });
    expect(response.errorMessage).toMatch(/media streaming has not started.*StreamARN/);
    expect(requestsTo('engage')).toHaveLength(before);
  });

  it('reports ASAPP error bodies as "<code> - <message>" with the status and the error response', async () => {
    emulator.setBehaviour('engage', { status: 400, body: { error: { requestId: 'req-1', code: '400-03', message: 'Invalid stream' } } });
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    expect(await engage(contactFlowEvent())).toEqual({
      result: 'error',
      asappStatusCode: 400,
      asappErrorResponse: { requestId: 'req-1', code: '400-03', message: 'Invalid stream' },
      errorMessage: '400-03 - Invalid stream',
    });
  });

  it('reports a non-ASAPP error body as "HTTP status <n>: <excerpt>"', async () => {
    emulator.setBehaviour('engage', { status: 502, body: '<html>Bad gateway</html>' });
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    expect(await engage(contactFlowEvent())).toEqual({
      result: 'error',
      asappStatusCode: 502,
      asappErrorResponse: null,
      errorMessage: 'HTTP status 502: Bad gateway',
    });
  });
});

describe('call-transfer', () => {
  it('creates a transfer for the ContactId and answers the number to dial', async () => {
    const callTransfer = callTransferHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    const response = await callTransfer(
      contactFlowEvent({ contactId: 'pstn-1', parameters: { taskName: 'billing', AccountNumber: '42' } }),
    );
    expect(response).toEqual({ result: 'ok', error: '', transferNumber: expect.stringMatching(/^\+[1-9]\d{6,14}$/) });
    expect(requestsTo('createCallTransfer').at(-1)?.body).toEqual({
      id: 'pstn-1',
      externalConversationId: 'pstn-1',
      type: 'PHONE_NUMBER',
      phoneNumber: { country: 'US' },
      inputContext: { taskName: 'billing', inputVariables: { customerId: CALLER_NUMBER, AccountNumber: '42' } },
    });
  });

  it('uses the customerId parameter over the caller number, and sends no taskName when none is given', async () => {
    const callTransfer = callTransferHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    await callTransfer(contactFlowEvent({ contactId: 'pstn-2', parameters: { customerId: 'cust-77' } }));
    expect(requestsTo('createCallTransfer').at(-1)?.body).toMatchObject({
      inputContext: { inputVariables: { customerId: 'cust-77' } },
    });
    expect(requestsTo('createCallTransfer').at(-1)?.body).not.toHaveProperty('inputContext.taskName');
  });
});

describe('call-context', () => {
  it('flattens the output context once GenerativeAgent has handed the call back', async () => {
    const environment = asappEnvironment(emulator);
    await callTransferHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'pstn-ctx' }));
    emulator.completeCallTransfer('pstn-ctx', {
      transferType: 'SYSTEM',
      currentTaskName: 'billing',
      referenceVariables: { caseId: 'c-9' },
      transferVariables: { reason: 'paid' },
    });
    const response = await callContextHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'pstn-ctx' }));
    expect(response).toEqual({
      result: 'ok',
      error: '',
      transferType: 'SYSTEM',
      currentTaskName: 'billing',
      referenceVariables: { caseId: 'c-9' },
      transferVariables: { reason: 'paid' },
    });
  });

  it('answers an error while the transfer has no output context yet', async () => {
    const environment = asappEnvironment(emulator);
    await callTransferHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'pstn-open' }));
    const response = await callContextHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'pstn-open' }));
    expect(response).toEqual({
      result: 'error',
      error: 'output context not found in ASAPP API response (call transfer status ACTIVE)',
      transferType: '',
      currentTaskName: '',
      referenceVariables: {},
      transferVariables: {},
    });
  });

  it('answers an error with the status for an unknown transfer', async () => {
    const response = await callContextHandlerFromEnvironment({ environment: asappEnvironment(emulator) })(
      contactFlowEvent({ contactId: 'never-transferred' }),
    );
    expect(response.result).toBe('error');
    expect(response.error).toMatch(/^404-\S+ - |^HTTP status 404$/);
  });
});

// The three ASAPP handlers under the same failures; each answers the flow with its error shape and a message.
const asappHandlers = [
  {
    name: 'engage',
    endpoint: 'engage',
    invoke: (environment: Environment) => engageHandlerFromEnvironment({ environment })(contactFlowEvent()),
    errorOf: (response: unknown) => (response as { errorMessage: string }).errorMessage,
    statusOf: (response: unknown) => (response as { asappStatusCode: number }).asappStatusCode,
  },
  {
    name: 'call-transfer',
    endpoint: 'createCallTransfer',
    invoke: (environment: Environment) => callTransferHandlerFromEnvironment({ environment })(contactFlowEvent()),
    errorOf: (response: unknown) => (response as { error: string }).error,
    statusOf: undefined,
  },
  {
    name: 'call-context',
    endpoint: 'getCallTransfer',
    invoke: (environment: Environment) => callContextHandlerFromEnvironment({ environment })(contactFlowEvent()),
    errorOf: (response: unknown) => (response as { error: string }).error,
    statusOf: undefined,
  },
] as const;

describe.each(asappHandlers)('$name against a failing ASAPP', ({ endpoint, invoke, errorOf, statusOf }) => {
  it('401: wrong credentials give the ASAPP error code and never the secret', async () => {
    const response = await invoke(asappEnvironment(emulator, { ASAPP_API_SECRET: 'wrong-secret-value' }));
    expect(response).toMatchObject({ result: 'error' });
    expect(errorOf(response)).toMatch(/^401-\S+ - .+/);
    expect(JSON.stringify(response)).not.toContain('wrong-secret-value');
    expect(JSON.stringify(response)).not.toContain(emulator.credentials.apiSecret);
    if (statusOf) expect(statusOf(response)).toBe(401);
  });

  it('500: a server error is reported with its code', async () => {
    emulator.setBehaviour(endpoint, { status: 500 });
    const response = await invoke(asappEnvironment(emulator));
    expect(response).toMatchObject({ result: 'error' });
    expect(errorOf(response)).toMatch(/^500-\S+ - .+/);
    if (statusOf) expect(statusOf(response)).toBe(500);
  });

  it('slow: gives up after ASAPP_TIMEOUT_MS', async () => {
    emulator.setBehaviour(endpoint, { delayMs: 2000 });
    const response = await invoke(asappEnvironment(emulator, { ASAPP_TIMEOUT_MS: '200' }));
    expect(response).toMatchObject({ result: 'error' });
    expect(errorOf(response)).toBe('ASAPP request timed out after 200 ms');
    if (statusOf) expect(statusOf(response)).toBe(0);
  });

  it('unreachable: reports the network error', async () => {
    const gone = await startAsappEmulator();
    await gone.close();
    const response = await invoke(asappEnvironment(gone));
    expect(response).toMatchObject({ result: 'error' });
    expect(errorOf(response)).toMatch(/network error: .*ECONNREFUSED/);
    if (statusOf) expect(statusOf(response)).toBe(0);
  });
});

describe('credentials from Secrets Manager', () => {
  const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-AbCdEf';
  const secretEnvironment = () => ({ ASAPP_API_HOST: emulator.url, ASAPP_CREDENTIALS_SECRET_ARN: secretArn });

  it('reads {apiId, apiSecret} from the secret and uses them', async () => {
    const reads: { arn: string; json: boolean }[] = [];
    const engage = engageHandlerFromEnvironment({
      environment: secretEnvironment(),
      readSecret: async (arn, { json }) => {
        reads.push({ arn, json });
        return { apiId: emulator.credentials.apiId, apiSecret: emulator.credentials.apiSecret };
      },
    });
    expect(await engage(contactFlowEvent())).toMatchObject({ result: 'success' });
    expect(reads).toEqual([{ arn: secretArn, json: true }]);
  });

  it('answers an error naming the secret, not its value, when the secret has the wrong shape', async () => {
    const engage = engageHandlerFromEnvironment({
      environment: secretEnvironment(),
      readSecret: async () => ({ id: 'x', secret: 'leaked-value' }),
    });
    const response = await engage(contactFlowEvent());
    expect(response).toMatchObject({ result: 'error', asappStatusCode: 0 });
    expect(response.errorMessage).toContain(secretArn);
    expect(response.errorMessage).not.toContain('leaked-value');
  });

  it('answers an error when Secrets Manager cannot be read, and retries on the next invocation', async () => {
    let calls = 0;
    const engage = engageHandlerFromEnvironment({
      environment: secretEnvironment(),
      readSecret: async () => {
        calls += 1;
        if (calls === 1) throw new Error('AccessDeniedException');
        return emulator.credentials;
      },
    });
    const first = await engage(contactFlowEvent());
    expect(first.errorMessage).toBe(`could not read ASAPP credentials secret ${secretArn} - AccessDeniedException`);
    expect(await engage(contactFlowEvent())).toMatchObject({ result: 'success' });
  });
});
