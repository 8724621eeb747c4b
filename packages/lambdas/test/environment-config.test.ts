import {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  type Environment,
  engageHandlerFromEnvironment,
  pullActionHandlerFromEnvironment,
  pushActionHandlerFromEnvironment,
} from '../src';
import { contactFlowEvent } from './support/connect-events';
import { captureLogs, type LogCapture } from './support/log-capture';

// No server is needed: a bad value is caught on the first invocation, before any connection is attempted.
const ASAPP = { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_ID: 'id', ASAPP_API_SECRET: 'secret' };
const VALKEY = { VALKEY_HOST: '127.0.0.1', VALKEY_PORT: '6379' };
const pushEvent = { action: 'speak', companyMarker: 'acme', guid: 'config-call', speakParams: { text: 'hi' } };

/** Whether the response is the handler's error answer, and its message, whichever of the five shapes it has. */
function outcomeOf(response: unknown): { failed: boolean; message: string } {
  const fields = response as Record<string, unknown>;
  if ('ok' in fields) return { failed: fields.ok === false, message: String(fields.errorMessage) };
  if ('next' in fields) return { failed: fields.next === 'error', message: String(fields.text) };
  return { failed: fields.result === 'error', message: String(fields.errorMessage ?? fields.error) };
}

type ConfigCase = [variable: string, invoke: (environment: Environment) => Promise<unknown>, environment: Environment];

const engage = (environment: Environment) =>
  engageHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'config-call' }));
const callTransfer = (environment: Environment) =>
  callTransferHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'config-call' }));
const callContext = (environment: Environment) =>
  callContextHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'config-call' }));
const pullAction = (environment: Environment) =>
  pullActionHandlerFromEnvironment({ environment })(contactFlowEvent({ contactId: 'config-call' }));
const pushAction = (environment: Environment) => pushActionHandlerFromEnvironment({ environment })(pushEvent);

const badVariables: ConfigCase[] = [
  ['ASAPP_API_HOST', engage, { ...ASAPP, ASAPP_API_HOST: 'ftp://api.asapp.com' }],
  ['ASAPP_API_HOST', callTransfer, { ...ASAPP, ASAPP_API_HOST: '' }],
  ['ASAPP_API_HOST', callContext, { ...ASAPP, ASAPP_API_HOST: 'api.asapp.com/path' }],
  ['ASAPP_TIMEOUT_MS', engage, { ...ASAPP, ASAPP_TIMEOUT_MS: '5s' }],
  ['ASAPP_CREDENTIALS_SECRET_ARN', callTransfer, { ASAPP_API_HOST: 'api.asapp.com' }],
  ['ASAPP_CREDENTIALS_SECRET_ARN', callContext, { ...ASAPP, ASAPP_CREDENTIALS_SECRET_ARN: 'not-an-arn' }],
  ['ASAPP_API_SECRET', engage, { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_ID: 'id' }],
  ['ASAPP_API_ID', engage, { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_SECRET: 'secret' }],
  ['ATTRIBUTES_TO_INPUT_VARIABLES', engage, { ...ASAPP, ATTRIBUTES_TO_INPUT_VARIABLES: 'InitialTask=taskName' }],
  ['SSML_CONVERSIONS[0].searchFor', pullAction, { ...VALKEY, SSML_CONVERSIONS: '[{"searchFor":"[a-","replaceWith":""}]' }],
  ['PULL_WAIT_MS', pullAction, { ...VALKEY, PULL_WAIT_MS: '10000' }],
  ['VALKEY_HOST', pullAction, {}],
  ['VALKEY_HOST', pushAction, { VALKEY_PORT: '6379' }],
  ['VALKEY_PORT', pushAction, { ...VALKEY, VALKEY_PORT: '0' }],
  ['VALKEY_TLS', pullAction, { ...VALKEY, VALKEY_TLS: 'on' }],
  ['VALKEY_AUTH_SECRET_ARN', pushAction, { ...VALKEY, VALKEY_AUTH_SECRET_ARN: 'token' }],
];

describe('a bad environment variable', () => {
  let logs: LogCapture;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it.each(badVariables)('%s: the flow gets an error naming it, and it is logged', async (variable, invoke, environment) => {
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    try {
      const { failed, message } = outcomeOf(await invoke(environment));
      expect(failed).toBe(true);
      expect(message).toMatch(new RegExp(`^invalid environment variable ${variable.replace(/[[\]]/g, '\\$&')}: .+ Fix: `));
      const logged = logs.lines.find((line) => line.message === 'configuration error');
      expect(logged).toMatchObject({ level: 'ERROR', contactId: 'config-call', errorMessage: message });
    } finally {
      process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    }
  });
});

it('keeps answering the configuration error on later invocations of the same container', async () => {
  const handler = pullActionHandlerFromEnvironment({ environment: { PULL_WAIT_MS: '1' } });
  const first = await handler(contactFlowEvent());
  const second = await handler(contactFlowEvent());
  expect(first).toEqual({ next: 'error', text: expect.stringMatching(/^invalid environment variable VALKEY_HOST: not set/), playBeepBop: 0, pullMode: 'poll' });
  expect(second).toEqual(first);
});
