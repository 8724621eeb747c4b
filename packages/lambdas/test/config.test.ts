import { ConfigError, parseAsappConfig, parseEngageConfig, parsePullActionConfig, parseValkeyConfig } from '../src';
import type { Environment } from '../src/config/environment';

const ASAPP_BASE = { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_ID: 'id', ASAPP_API_SECRET: 'secret' };
const VALKEY_BASE = { VALKEY_HOST: 'valkey.internal' };
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-credentials-AbCdEf';

function configErrorOf(parse: () => unknown): ConfigError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError, but parsing succeeded');
}

describe('valid configuration', () => {
  it('reads ASAPP settings with defaults, accepting the host with or without scheme', () => {
    expect(parseAsappConfig(ASAPP_BASE)).toEqual({
      host: 'https://api.asapp.com',
      timeoutMs: 6500,
      credentials: { kind: 'static', apiId: 'id', apiSecret: 'secret' },
    });
    expect(parseAsappConfig({ ...ASAPP_BASE, ASAPP_API_HOST: 'https://api.sandbox.asapp.com', ASAPP_TIMEOUT_MS: '2500' })).toMatchObject({
      host: 'https://api.sandbox.asapp.com',
      timeoutMs: 2500,
    });
  });

  it('prefers the credentials secret over local id/secret variables', () => {
    expect(parseAsappConfig({ ...ASAPP_BASE, ASAPP_CREDENTIALS_SECRET_ARN: SECRET_ARN }).credentials).toEqual({
      kind: 'secret',
      secretArn: SECRET_ARN,
    });
  });

  it('reads Valkey settings with defaults', () => {
    expect(parseValkeyConfig(VALKEY_BASE)).toEqual({ host: 'valkey.internal', port: 6379, tls: false, auth: undefined, replicas: 0 });
    expect(parseValkeyConfig({ ...VALKEY_BASE, VALKEY_REPLICAS: '2' })).toMatchObject({ replicas: 2 });
    expect(
      parseValkeyConfig({ ...VALKEY_BASE, VALKEY_PORT: '6380', VALKEY_TLS: 'TRUE', VALKEY_AUTH_SECRET_ARN: SECRET_ARN }),
    ).toEqual({ host: 'valkey.internal', port: 6380, tls: true, auth: { kind: 'secret', secretArn: SECRET_ARN }, replicas: 0 });
    expect(parseValkeyConfig({ ...VALKEY_BASE, VALKEY_PASSWORD: 'local' }).auth).toEqual({ kind: 'password', password: 'local' });
  });

  it('treats empty strings as unset', () => {
    expect(parseValkeyConfig({ ...VALKEY_BASE, VALKEY_PORT: '', VALKEY_TLS: '' })).toMatchObject({ port: 6379, tls: false });
    expect(
      parsePullActionConfig({
        SSML_CONVERSIONS: '',
        PULL_WAIT_MS: '',
        MAX_IDLE_SECONDS: '',
        MAX_CONVERSATION_SECONDS: '',
        VALKEY_OUTAGE_GRACE_SECONDS: '',
      }),
    ).toEqual({ ssmlConversions: [], pullWaitMs: 0, maxIdleSeconds: 120, maxConversationSeconds: 3600, valkeyOutageGraceSeconds: 30 });
  });

  it('reads the attribute mapping and pull settings', () => {
    expect(parseEngageConfig({ ATTRIBUTES_TO_INPUT_VARIABLES: '{"InitialTask":"taskName","Acct":"AccountNumber"}' })).toEqual({
      attributesToInputVariables: { InitialTask: 'taskName', Acct: 'AccountNumber' },
    });
    expect(parseEngageConfig({})).toEqual({ attributesToInputVariables: {} });
    const pull = parsePullActionConfig({ SSML_CONVERSIONS: '[{"searchFor":"x","replaceWith":"y"}]', PULL_WAIT_MS: '2500' });
    expect(pull.pullWaitMs).toBe(2500);
    expect(pull.ssmlConversions[0]?.searchFor.flags).toBe('gi');
    expect(parsePullActionConfig({ MAX_IDLE_SECONDS: '15', MAX_CONVERSATION_SECONDS: '21600' })).toMatchObject({
      maxIdleSeconds: 15,
      maxConversationSeconds: 21600,
    });
  });
});

type Case = [variable: string, environment: Environment, parse: (environment: Environment) => unknown, problem: RegExp];

const badValues: Case[] = [
  ['ASAPP_API_HOST', { ...ASAPP_BASE, ASAPP_API_HOST: undefined }, parseAsappConfig, /not set/],
  ['ASAPP_API_HOST', { ...ASAPP_BASE, ASAPP_API_HOST: 'http://api.asapp.com' }, parseAsappConfig, /scheme http: is not allowed/],
  ['ASAPP_API_HOST', { ...ASAPP_BASE, ASAPP_API_HOST: 'https://api.asapp.com/v1' }, parseAsappConfig, /path/],
  ['ASAPP_TIMEOUT_MS', { ...ASAPP_BASE, ASAPP_TIMEOUT_MS: 'soon' }, parseAsappConfig, /not a whole number/],
  ['ASAPP_TIMEOUT_MS', { ...ASAPP_BASE, ASAPP_TIMEOUT_MS: '9000' }, parseAsappConfig, /7000/],
  ['ASAPP_CREDENTIALS_SECRET_ARN', { ASAPP_API_HOST: 'api.asapp.com' }, parseAsappConfig, /not set/],
  ['ASAPP_CREDENTIALS_SECRET_ARN', { ...ASAPP_BASE, ASAPP_CREDENTIALS_SECRET_ARN: 'asapp-credentials' }, parseAsappConfig, /Secrets Manager secret ARN/],
  ['ASAPP_API_SECRET', { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_ID: 'id' }, parseAsappConfig, /not set/],
  ['ASAPP_API_ID', { ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_SECRET: 'secret' }, parseAsappConfig, /not set/],
  ['ATTRIBUTES_TO_INPUT_VARIABLES', { ATTRIBUTES_TO_INPUT_VARIABLES: '{InitialTask: taskName}' }, parseEngageConfig, /not valid JSON/],
  ['ATTRIBUTES_TO_INPUT_VARIABLES', { ATTRIBUTES_TO_INPUT_VARIABLES: '["taskName"]' }, parseEngageConfig, /expected record/],
  ['ATTRIBUTES_TO_INPUT_VARIABLES.InitialTask', { ATTRIBUTES_TO_INPUT_VARIABLES: '{"InitialTask": 3}' }, parseEngageConfig, /expected string/],
  ['SSML_CONVERSIONS', { SSML_CONVERSIONS: '{"searchFor":"a"}' }, parsePullActionConfig, /expected array/],
  ['SSML_CONVERSIONS', { SSML_CONVERSIONS: '[{"searchFor":"a",' }, parsePullActionConfig, /not valid JSON/],
  ['SSML_CONVERSIONS[1].searchFor', { SSML_CONVERSIONS: '[{"searchFor":"a","replaceWith":"b"},{"searchFor":"(unclosed","replaceWith":"b"}]' }, parsePullActionConfig, /not a valid regular expression/],
  ['SSML_CONVERSIONS[0].replaceWith', { SSML_CONVERSIONS: '[{"searchFor":"a"}]' }, parsePullActionConfig, /expected string/],
  ['PULL_WAIT_MS', { PULL_WAIT_MS: '-1' }, parsePullActionConfig, /not a whole number/],
  ['PULL_WAIT_MS', { PULL_WAIT_MS: '5001' }, parsePullActionConfig, /5000/],
  ['MAX_IDLE_SECONDS', { MAX_IDLE_SECONDS: '0' }, parsePullActionConfig, /from 1 to 21600/],
  ['MAX_IDLE_SECONDS', { MAX_IDLE_SECONDS: '2m' }, parsePullActionConfig, /not a whole number/],
  ['VALKEY_OUTAGE_GRACE_SECONDS', { VALKEY_OUTAGE_GRACE_SECONDS: '121' }, parsePullActionConfig, /from 0 \(no grace\) to 120/],
  ['MAX_CONVERSATION_SECONDS', { MAX_CONVERSATION_SECONDS: '21601' }, parsePullActionConfig, /from 1 to 21600/],
  ['VALKEY_HOST', {}, parseValkeyConfig, /not set/],
  ['VALKEY_PORT', { ...VALKEY_BASE, VALKEY_PORT: 'six' }, parseValkeyConfig, /not a whole number/],
  ['VALKEY_PORT', { ...VALKEY_BASE, VALKEY_PORT: '70000' }, parseValkeyConfig, /65535/],
  ['VALKEY_TLS', { ...VALKEY_BASE, VALKEY_TLS: 'yes' }, parseValkeyConfig, /"true" or "false"/],
  ['VALKEY_REPLICAS', { ...VALKEY_BASE, VALKEY_REPLICAS: '6' }, parseValkeyConfig, /read replicas \(0-5\)/],
  ['VALKEY_AUTH_SECRET_ARN', { ...VALKEY_BASE, VALKEY_AUTH_SECRET_ARN: 'token' }, parseValkeyConfig, /Secrets Manager secret ARN/],
  ['VALKEY_AUTH_SECRET_ARN', { ...VALKEY_BASE, VALKEY_AUTH_SECRET_ARN: SECRET_ARN }, parseValkeyConfig, /in-transit encryption/],
];

describe.each(badValues)('%s rejected', (variable, environment, parse, problem) => {
  it(`names ${variable}, the problem and the fix`, () => {
    const error = configErrorOf(() => parse(environment));
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(`invalid environment variable ${variable}:`);
    expect(error.message).toMatch(problem);
    expect(error.message).toMatch(/Fix: set /);
  });
});

it('never echoes a secret value in a config error', () => {
  const error = configErrorOf(() => parseAsappConfig({ ASAPP_API_HOST: 'api.asapp.com', ASAPP_API_SECRET: 'hunter2-secret' }));
  expect(error.message).not.toContain('hunter2-secret');
});
