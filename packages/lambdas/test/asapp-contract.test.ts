import { type AsappEmulator, type RecordedRequest, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  engageHandlerFromEnvironment,
  type Environment,
} from '../src';
import { asappEnvironment } from './support/asapp-environment';
import { CALLER_NUMBER, contactFlowEvent, STREAM_ARN } from './support/connect-events';
import { captureLogs, type LogCapture } from './support/log-capture';

// Contract tests: payloads a real deployment meets, from Amazon Connect (withheld caller ids, nulls, extra fields) and
// from ASAPP (minimal replies, error bodies without requestId, a proxy's HTML page, slow or failing answers). Each case
// asserts what the flow receives (the handler's answer) and what ASAPP received (the emulator's recorded requests).

type HandlerName = 'engage' | 'call-transfer' | 'call-context';

interface ContractCase {
  readonly name: string;
  readonly handler: HandlerName;
  /** The Connect event; default `contactFlowEvent()` for ContactId `contact-1`. */
  readonly event?: unknown;
  readonly environment?: Environment;
  /** Stages ASAPP's side before the invocation. */
  readonly asapp?: (emulator: AsappEmulator) => Promise<void> | void;
  /** What the flow receives: the whole answer. */
  readonly answer: Record<string, unknown>;
  /** What ASAPP received: the requests to the handler's endpoint, in order (`body` compared when given). */
  readonly received: readonly { readonly path: string; readonly body?: unknown }[];
  /** Log messages that must appear. */
  readonly logs?: readonly string[];
}

const ENGAGE_PATH = '/mg-genagent/v1/engage';
const CALL_TRANSFERS_PATH = '/generativeagent/v1/call-transfers';
const CONTACT_ID = 'contact-1';
const TRANSFER_PATH = `${CALL_TRANSFERS_PATH}/${CONTACT_ID}`;
const TRANSFER_NUMBER = '+15557654321';

/** A Connect event with `CustomerEndpoint` replaced (`undefined` removes the key). */
function eventWithCustomerEndpoint(customerEndpoint: unknown, parameters: Record<string, string> = {}) {
  const event = contactFlowEvent({ parameters }) as unknown as { Details: { ContactData: Record<string, unknown> } };
  if (customerEndpoint === undefined) delete event.Details.ContactData.CustomerEndpoint;
  else event.Details.ContactData.CustomerEndpoint = customerEndpoint;
  return event;
}

const engageBody = (customerId: string | undefined) => ({
  namespace: 'amazonconnect',
  guid: CONTACT_ID,
  language: 'en-US',
  ...(customerId === undefined ? {} : { customerId }),
  inputVariables: {},
  amazonConnectParams: { streamArn: STREAM_ARN },
});

const transferBody = (inputVariables: Record<string, unknown>) => ({
  id: CONTACT_ID,
  externalConversationId: CONTACT_ID,
  type: 'PHONE_NUMBER',
  phoneNumber: { country: 'US' },
  inputContext: { inputVariables },
});

const engaged = { result: 'success', asappStatusCode: 200, asappErrorResponse: null, errorMessage: '' };
const transferred = { result: 'ok', error: '', transferNumber: TRANSFER_NUMBER };
const noContext = { transferType: '', currentTaskName: '', referenceVariables: {}, transferVariables: {} };
const WITHHELD_LOG = 'no customer id: the caller id is withheld or missing and no customerId parameter was passed';

/** A transfer for CONTACT_ID that GenerativeAgent has completed, as the emulator serves it. */
async function completedTransfer(emulator: AsappEmulator): Promise<void> {
  const response = await fetch(`${emulator.url}${CALL_TRANSFERS_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'asapp-api-id': emulator.credentials.apiId,
      'asapp-api-secret': emulator.credentials.apiSecret,
    },
    body: JSON.stringify(transferBody({})),
  });
  expect(response.status).toBe(200);
  emulator.completeCallTransfer(CONTACT_ID, {
    transferType: 'AGENT',
    currentTaskName: 'billing',
    referenceVariables: { caseId: 'C-1' },
    transferVariables: { summary: 'wants a refund' },
  });
}

const completedContext = {
  result: 'ok',
  error: '',
  transferType: 'AGENT',
  currentTaskName: 'billing',
  referenceVariables: { caseId: 'C-1' },
  transferVariables: { summary: 'wants a refund' },
};

const cases: ContractCase[] = [
  // engage: Connect's side
  ...(
    [
      ['a withheld caller id ("anonymous")', { Address: 'anonymous', Type: 'TELEPHONE_NUMBER' }],
      ['a withheld caller id as SIP (RFC 3323)', { Address: 'sip:anonymous@anonymous.invalid', Type: 'VOIP' }],
      ['"Restricted" as the caller id', { Address: 'Restricted', Type: 'TELEPHONE_NUMBER' }],
      ['an empty Address', { Address: '', Type: 'TELEPHONE_NUMBER' }],
      ['no Address', { Type: 'TELEPHONE_NUMBER' }],
      ['a null Address', { Address: null, Type: 'TELEPHONE_NUMBER' }],
      ['a null CustomerEndpoint', null],
      ['no CustomerEndpoint', undefined],
    ] as const
  ).map(
    ([name, customerEndpoint]): ContractCase => ({
      name: `engage with ${name}: engages without a customerId`,
      handler: 'engage',
      event: eventWithCustomerEndpoint(customerEndpoint),
      answer: engaged,
      received: [{ path: ENGAGE_PATH, body: engageBody(undefined) }],
      logs: [WITHHELD_LOG],
    }),
  ),
  {
    name: 'engage with a withheld caller id and a customerId parameter: sends the parameter',
    handler: 'engage',
    event: eventWithCustomerEndpoint({ Address: 'anonymous' }, { customerId: 'cust-77' }),
    answer: engaged,
    received: [{ path: ENGAGE_PATH, body: engageBody('cust-77') }],
  },
  {
    name: 'engage with nulls and extra fields in the event: engages with the caller number',
    handler: 'engage',
    event: {
      ...contactFlowEvent(),
      Details: {
        ...contactFlowEvent().Details,
        ContactData: {
          ...contactFlowEvent().Details.ContactData,
          Attributes: null,
          Queue: null,
          LanguageCode: 'en-US',
          SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Telephony' } },
          CustomerEndpoint: { Address: CALLER_NUMBER, Type: 'TELEPHONE_NUMBER', DisplayName: null },
        },
        Parameters: null,
      },
      Unexpected: { at: 'top level' },
    },
    answer: engaged,
    received: [{ path: ENGAGE_PATH, body: engageBody(CALLER_NUMBER) }],
  },
  // engage: ASAPP's side
  {
    name: 'engage answered 202 with a non-JSON body: success (the body is not used)',
    handler: 'engage',
    asapp: (emulator) => emulator.setBehaviour('engage', { status: 202, body: 'Accepted' }),
    answer: { ...engaged, asappStatusCode: 202 },
    received: [{ path: ENGAGE_PATH, body: engageBody(CALLER_NUMBER) }],
  },
  {
    name: 'engage answered 204 with no body: success',
    handler: 'engage',
    asapp: (emulator) => emulator.setBehaviour('engage', { status: 204, body: '' }),
    answer: { ...engaged, asappStatusCode: 204 },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage answered 403 with code and message but no requestId',
    handler: 'engage',
    asapp: (emulator) =>
      emulator.setBehaviour('engage', { status: 403, body: { error: { code: '403-01', message: 'Forbidden' } } }),
    answer: {
      result: 'error',
      asappStatusCode: 403,
      asappErrorResponse: { requestId: null, code: '403-01', message: 'Forbidden' },
      errorMessage: '403-01 - Forbidden',
    },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage answered 403 with a message only',
    handler: 'engage',
    asapp: (emulator) => emulator.setBehaviour('engage', { status: 403, body: { error: { message: 'Forbidden' } } }),
    answer: {
      result: 'error',
      asappStatusCode: 403,
      asappErrorResponse: { requestId: null, code: null, message: 'Forbidden' },
      errorMessage: 'HTTP status 403 - Forbidden',
    },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: "engage answered 502 with a proxy's HTML page: status and a short excerpt, not resent",
    handler: 'engage',
    asapp: (emulator) =>
      emulator.setBehaviour('engage', {
        status: 502,
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
      }),
    answer: {
      result: 'error',
      asappStatusCode: 502,
      asappErrorResponse: null,
      errorMessage: 'HTTP status 502: 502 Bad Gateway 502 Bad Gateway',
    },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage answered 400 with a text body echoing the credentials: redacted from the excerpt',
    handler: 'engage',
    asapp: (emulator) =>
      emulator.setBehaviour('engage', {
        status: 400,
        body: `rejected headers asapp-api-id=${emulator.credentials.apiId} asapp-api-secret=${emulator.credentials.apiSecret}`,
      }),
    answer: {
      result: 'error',
      asappStatusCode: 400,
      asappErrorResponse: null,
      errorMessage: 'HTTP status 400: rejected headers asapp-api-id=[redacted] asapp-api-secret=[redacted]',
    },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage answered 500 with ASAPP envelope: not resent (ASAPP may have engaged)',
    handler: 'engage',
    asapp: (emulator) =>
      emulator.setBehaviour('engage', {
        status: 500,
        body: { error: { requestId: 'r-500', code: '500-01', message: 'Internal error' } },
      }),
    answer: {
      result: 'error',
      asappStatusCode: 500,
      asappErrorResponse: { requestId: 'r-500', code: '500-01', message: 'Internal error' },
      errorMessage: '500-01 - Internal error',
    },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage whose connection is reset after the request was sent: not resent',
    handler: 'engage',
    asapp: (emulator) => emulator.setBehaviour('engage', { fault: 'reset' }),
    answer: { result: 'error', asappStatusCode: 0, asappErrorResponse: null, errorMessage: expect.stringMatching(/^ASAPP engage failed: network error: /) },
    received: [{ path: ENGAGE_PATH }],
  },
  {
    name: 'engage whose first connection is reset while connecting: resent once, engaged once',
    handler: 'engage',
    asapp: (emulator) => emulator.resetNextConnections(1),
    answer: engaged,
    received: [{ path: ENGAGE_PATH, body: engageBody(CALLER_NUMBER) }],
    logs: ['retrying ASAPP request'],
  },
  {
    name: 'engage slower than ASAPP_TIMEOUT_MS: an error, not resent',
    handler: 'engage',
    environment: { ASAPP_TIMEOUT_MS: '300' },
    asapp: (emulator) => emulator.setBehaviour('engage', { delayMs: 2000 }),
    answer: { result: 'error', asappStatusCode: 0, asappErrorResponse: null, errorMessage: 'ASAPP request timed out after 300 ms' },
    received: [{ path: ENGAGE_PATH }],
  },
  // call-transfer
  {
    name: 'call-transfer with a withheld caller id: no customerId input variable',
    handler: 'call-transfer',
    event: eventWithCustomerEndpoint({ Address: 'anonymous', Type: 'TELEPHONE_NUMBER' }, { AccountNumber: '42' }),
    asapp: (emulator) => emulator.setBehaviour('createCallTransfer', { body: { phoneNumber: { transferNumber: TRANSFER_NUMBER } } }),
    answer: transferred,
    received: [{ path: CALL_TRANSFERS_PATH, body: transferBody({ AccountNumber: '42' }) }],
    logs: [WITHHELD_LOG],
  },
  {
    name: 'call-transfer with no CustomerEndpoint and a customerId parameter: the parameter',
    handler: 'call-transfer',
    event: eventWithCustomerEndpoint(undefined, { customerId: 'cust-77' }),
    asapp: (emulator) => emulator.setBehaviour('createCallTransfer', { body: { phoneNumber: { transferNumber: TRANSFER_NUMBER } } }),
    answer: transferred,
    received: [{ path: CALL_TRANSFERS_PATH, body: transferBody({ customerId: 'cust-77' }) }],
  },
  {
    name: 'call-transfer answered with nulls, extra and mistyped fields around the number',
    handler: 'call-transfer',
    asapp: (emulator) =>
      emulator.setBehaviour('createCallTransfer', {
        body: {
          id: null,
          externalConversationId: 7,
          type: 'PHONE_NUMBER',
          phoneNumber: { transferNumber: TRANSFER_NUMBER, country: null, expiresAt: null, carrier: 'x' },
          inputContext: null,
          createdAt: '2026-01-01T00:00:00Z',
        },
      }),
    answer: transferred,
    received: [{ path: CALL_TRANSFERS_PATH, body: transferBody({ customerId: CALLER_NUMBER }) }],
  },
  {
    name: 'call-transfer answered 403 without requestId',
    handler: 'call-transfer',
    asapp: (emulator) =>
      emulator.setBehaviour('createCallTransfer', { status: 403, body: { error: { code: '403-01', message: 'Forbidden' } } }),
    answer: { result: 'error', error: '403-01 - Forbidden', transferNumber: '' },
    received: [{ path: CALL_TRANSFERS_PATH }],
  },
  {
    name: 'call-transfer answered 503: not resent (ASAPP may have issued a number)',
    handler: 'call-transfer',
    asapp: (emulator) => emulator.setBehaviour('createCallTransfer', { status: 503, body: '' }),
    answer: { result: 'error', error: 'HTTP status 503', transferNumber: '' },
    received: [{ path: CALL_TRANSFERS_PATH }],
  },
  {
    name: 'call-transfer answered 200 without a number',
    handler: 'call-transfer',
    asapp: (emulator) => emulator.setBehaviour('createCallTransfer', { body: { id: CONTACT_ID, phoneNumber: null } }),
    answer: { result: 'error', error: expect.stringMatching(/unexpected response body \(HTTP 200\): phoneNumber: /), transferNumber: '' },
    received: [{ path: CALL_TRANSFERS_PATH }],
  },
  // call-context
  {
    name: 'call-context answered with outputContext only (what ASAPP\'s own Lambda checks)',
    handler: 'call-context',
    asapp: (emulator) =>
      emulator.setBehaviour('getCallTransfer', {
        body: { outputContext: { transferType: 'SYSTEM', currentTaskName: 'billing', transferVariables: { reason: 'paid' } } },
      }),
    answer: { ...completedContext, transferType: 'SYSTEM', referenceVariables: {}, transferVariables: { reason: 'paid' } },
    received: [{ path: TRANSFER_PATH }],
  },
  {
    name: 'call-context answered with nulls inside outputContext, an undocumented status and extra fields',
    handler: 'call-context',
    asapp: (emulator) =>
      emulator.setBehaviour('getCallTransfer', {
        body: {
          id: CONTACT_ID,
          status: 'CLOSED',
          region: 'us-east-1',
          outputContext: { transferType: 'AGENT', currentTaskName: null, referenceVariables: null, transferVariables: null, extra: 1 },
        },
      }),
    answer: { result: 'ok', error: '', ...noContext, transferType: 'AGENT' },
    received: [{ path: TRANSFER_PATH }],
  },
  {
    name: 'call-context answered 503 once, then 200: read on the retry',
    handler: 'call-context',
    asapp: async (emulator) => {
      await completedTransfer(emulator);
      emulator.setBehaviour('getCallTransfer', { status: 503, times: 1 });
    },
    answer: completedContext,
    received: [{ path: TRANSFER_PATH }, { path: TRANSFER_PATH }],
    logs: ['retrying ASAPP request'],
  },
  {
    name: 'call-context not answered within half the budget, then answered: read on the retry',
    handler: 'call-context',
    environment: { ASAPP_TIMEOUT_MS: '1000' },
    asapp: async (emulator) => {
      await completedTransfer(emulator);
      emulator.setBehaviour('getCallTransfer', { delayMs: 5000, times: 1 });
    },
    answer: completedContext,
    received: [{ path: TRANSFER_PATH }, { path: TRANSFER_PATH }],
  },
  {
    name: 'call-context whose connection is reset after the request, then answered: read on the retry',
    handler: 'call-context',
    asapp: async (emulator) => {
      await completedTransfer(emulator);
      emulator.setBehaviour('getCallTransfer', { fault: 'reset', times: 1 });
    },
    answer: completedContext,
    received: [{ path: TRANSFER_PATH }, { path: TRANSFER_PATH }],
  },
  {
    name: "call-context answered 502 with a proxy's page twice: an error after two attempts",
    handler: 'call-context',
    asapp: (emulator) => emulator.setBehaviour('getCallTransfer', { status: 502, body: '<html><body>Bad Gateway</body></html>' }),
    answer: { result: 'error', error: 'HTTP status 502: Bad Gateway', ...noContext },
    received: [{ path: TRANSFER_PATH }, { path: TRANSFER_PATH }],
  },
  {
    name: 'call-context answered without outputContext: an error naming the status',
    handler: 'call-context',
    asapp: (emulator) => emulator.setBehaviour('getCallTransfer', { body: { id: CONTACT_ID, status: 'ONGOING' } }),
    answer: { result: 'error', error: 'output context not found in ASAPP API response (call transfer status ONGOING)', ...noContext },
    received: [{ path: TRANSFER_PATH }],
  },
];

const handlers = {
  engage: engageHandlerFromEnvironment,
  'call-transfer': callTransferHandlerFromEnvironment,
  'call-context': callContextHandlerFromEnvironment,
} as const;

const endpointOf = { engage: 'engage', 'call-transfer': 'createCallTransfer', 'call-context': 'getCallTransfer' } as const;

describe('contracts with Amazon Connect and ASAPP', () => {
  let emulator: AsappEmulator;
  let logs: LogCapture;

  beforeEach(async () => {
    // A fresh emulator per case: its own connections (resetNextConnections) and its own request record.
    emulator = await startAsappEmulator();
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    logs = captureLogs();
  });
  afterEach(async () => {
    logs.restore();
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    await emulator.close();
  });

  const received = (handler: HandlerName): RecordedRequest[] =>
    emulator.requests.filter((request) => request.endpoint === endpointOf[handler]);

  it.each(cases)('$name', async (contract) => {
    await contract.asapp?.(emulator);
    const before = received(contract.handler).length;
    const handler = handlers[contract.handler]({ environment: asappEnvironment(emulator, contract.environment) });

    const answer = await handler(contract.event ?? contactFlowEvent({ contactId: CONTACT_ID }));

    expect(answer).toEqual(contract.answer);
    const requests = received(contract.handler).slice(before);
    expect(requests.map((request) => request.path)).toEqual(contract.received.map((request) => request.path));
    contract.received.forEach((expected, index) => {
      if (expected.body !== undefined) expect(requests[index]?.body).toEqual(expected.body);
    });
    const messages = logs.lines.map((line) => line.message);
    for (const message of contract.logs ?? []) expect(messages).toContainEqual(expect.stringContaining(message));
    expect(logs.raw()).not.toContain(emulator.credentials.apiSecret);
    expect(JSON.stringify(answer)).not.toContain(emulator.credentials.apiSecret);
  });

  it('engage answered after 6 s with the default timeout: success, as the module allows Engage 8 s', async () => {
    emulator.setBehaviour('engage', { delayMs: 6000 });
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) });

    const answer = await engage(contactFlowEvent({ contactId: CONTACT_ID }));

    expect(answer).toEqual(engaged);
    expect(received('engage')).toHaveLength(1);
  }, 15_000);

  it.each(['engage', 'call-transfer', 'call-context'] as const)(
    '%s against a port where nothing listens: one retry (nothing was sent), then an error saying so',
    async (handler) => {
      const gone = await startAsappEmulator();
      await gone.close();
      const answer = (await handlers[handler]({ environment: asappEnvironment(gone) })(contactFlowEvent())) as unknown as Record<string, unknown>;
      const message = handler === 'engage' ? answer.errorMessage : answer.error;
      expect(answer.result).toBe('error');
      expect(message).toMatch(/network error: .*ECONNREFUSED.*\(after 2 attempts\)$/);
      expect(logs.lines.filter((line) => line.message === 'retrying ASAPP request')).toHaveLength(1);
    },
  );
});
