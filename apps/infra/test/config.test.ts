import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_MAX_CONVERSATION_SECONDS,
  DEFAULT_MAX_IDLE_SECONDS,
  DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS,
  MAX_VALKEY_OUTAGE_GRACE_SECONDS,
  MAX_CALL_LIMIT_SECONDS,
  MAX_PULL_WAIT_MS,
} from '@genagent-connect/lambdas';
import type { EnvironmentFile } from '../src/config/environment-schema';
import { EnvironmentConfigError, loadEnvironments, parseEnvironment } from '../src/config/load-environments';
import { maxNamePrefixLength } from '../src/config/name-prefix';

const file = 'environments/dev.json';
const minimal: EnvironmentFile = {
  accountId: '111111111111',
  region: 'us-east-1',
  connectInstanceArn: 'arn:aws:connect:us-east-1:111111111111:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01',
  namePrefix: 'genagent-dev',
  asapp: { companyMarker: 'acme', assumingRoleArns: ['arn:aws:iam::000000000000:role/asapp-generativeagent'] },
};

/** The problems a file with `overrides` on top of the minimal one gets (empty when valid). */
function problemsOf(overrides: Record<string, unknown>, displayName = file): readonly string[] {
  const result = parseEnvironment(displayName, JSON.stringify({ ...minimal, ...overrides }));
  return 'problems' in result ? result.problems : [];
}

function configOf(overrides: Record<string, unknown>) {
  const result = parseEnvironment(file, JSON.stringify({ ...minimal, ...overrides }));
  if (!('environment' in result)) throw new Error(`expected a valid file, got ${result.problems.join('; ')}`);
  return result.environment.config;
}

describe('environment file defaults', () => {
  it('accepts exactly the long-poll waits pull-action accepts (PULL_WAIT_MS)', () => {
    expect(configOf({ pullMode: { mode: 'longPoll', maxWaitMs: MAX_PULL_WAIT_MS } }).pullMode).toEqual({
      mode: 'longPoll',
      maxWaitMs: MAX_PULL_WAIT_MS,
    });
    expect(problemsOf({ pullMode: { mode: 'longPoll', maxWaitMs: MAX_PULL_WAIT_MS + 1 } })).toHaveLength(1);
  });

  it("defaults and bounds the call limits exactly as pull-action does (MAX_IDLE_SECONDS, MAX_CONVERSATION_SECONDS)", () => {
    expect(configOf({})).toMatchObject({
      maxIdleSeconds: DEFAULT_MAX_IDLE_SECONDS,
      maxConversationSeconds: DEFAULT_MAX_CONVERSATION_SECONDS,
    });
    expect(configOf({ maxIdleSeconds: MAX_CALL_LIMIT_SECONDS, maxConversationSeconds: 1 })).toMatchObject({
      maxIdleSeconds: MAX_CALL_LIMIT_SECONDS,
      maxConversationSeconds: 1,
    });
    expect(problemsOf({ maxIdleSeconds: MAX_CALL_LIMIT_SECONDS + 1 })).toHaveLength(1);
  });

  it('defaults and bounds the Valkey outage grace exactly as pull-action does (VALKEY_OUTAGE_GRACE_SECONDS)', () => {
    expect(configOf({})).toMatchObject({ valkeyOutageGraceSeconds: DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS });
    expect(configOf({ valkeyOutageGraceSeconds: 0 })).toMatchObject({ valkeyOutageGraceSeconds: 0 });
    expect(configOf({ valkeyOutageGraceSeconds: MAX_VALKEY_OUTAGE_GRACE_SECONDS })).toMatchObject({
      valkeyOutageGraceSeconds: MAX_VALKEY_OUTAGE_GRACE_SECONDS,
    });
    expect(problemsOf({ valkeyOutageGraceSeconds: MAX_VALKEY_OUTAGE_GRACE_SECONDS + 1 })).toHaveLength(1);
  });

  it('fills a minimal file with the documented defaults', () => {
    const config = configOf({});
    expect(config).toMatchObject({
      modes: { mediaStreaming: true, pstnTransfer: false },
      sampleInboundFlow: false,
      network: { create: { cidr: '10.20.0.0/16' } },
      valkey: { nodeType: 'cache.t4g.micro', replicas: 1, engineVersion: '8.0', transitEncryption: false },
      mediaStreams: { create: { retentionHours: 24, protectFromDestroy: true } },
      asapp: { apiHost: 'https://api.asapp.com', credentialsSecret: { create: true, recoveryWindowInDays: 30 } },
      attributesToInputVariables: {},
      ssmlConversions: [],
      outputVariables: {},
      pullMode: { mode: 'poll' },
      provisionedConcurrency: { engage: 0, 'push-action': 0, 'pull-action': 0, 'call-transfer': 0, 'call-context': 0 },
      logRetentionDays: 30,
      logLevel: 'INFO',
      alarms: {},
      backend: { type: 'local' },
    });
    expect(config.asapp.externalId).toBeUndefined();
  });

  it('accepts every environment in environments/, whichever there are', () => {
    expect(loadEnvironments(join(__dirname, '../../../environments')).length).toBeGreaterThan(0);
  });

  it('accepts the fixture environments the tests name', () => {
    expect(loadEnvironments(join(__dirname, 'fixtures', 'environments')).map(({ name }) => name)).toEqual(['dev', 'prod', 'staging']);
  });

  it('accepts existing subnets given as plain ids and an s3 backend whose lock file defaults on', () => {
    const config = configOf({
      network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'] } },
      backend: { type: 's3', bucket: 'state-bucket', key: 'dev.tfstate', region: 'us-east-1' },
    });
    expect(config.backend).toEqual({ type: 's3', bucket: 'state-bucket', key: 'dev.tfstate', region: 'us-east-1', useLockfile: true });
    expect(config.network).toMatchObject({ existing: { secretsManagerEndpoint: { create: true } } });
  });

  it("defaults an existing endpoint's ingress rules on", () => {
    const config = configOf({
      network: {
        existing: {
          vpcId: 'vpc-0a1b2c3d',
          privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'],
          secretsManagerEndpoint: { existing: { securityGroupId: 'sg-0a1b2c3d' } },
        },
      },
      valkey: { transitEncryption: true },
    });
    expect(config.network).toMatchObject({ existing: { secretsManagerEndpoint: { existing: { securityGroupId: 'sg-0a1b2c3d', addIngressRules: true } } } });
  });

  it('accepts a name prefix of exactly the maximum length', () => {
    expect(problemsOf({ namePrefix: `g${'a'.repeat(maxNamePrefixLength - 1)}` })).toEqual([]);
  });
});

describe('bad environment files name the file, the field and what is expected', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['a malformed account id', { accountId: '1234' }, 'accountId: expected a 12-digit AWS account id'],
    ['a malformed region', { region: 'US East' }, 'region: expected an AWS region like eu-west-2'],
    [
      'an instance ARN that is not a Connect instance',
      { connectInstanceArn: 'arn:aws:connect:us-east-1:111111111111:instance/abc' },
      'connectInstanceArn: expected arn:aws:connect:<region>:<12-digit account>:instance/<instance uuid>',
    ],
    [
      'an instance in another region',
      { connectInstanceArn: 'arn:aws:connect:eu-west-2:111111111111:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01' },
      'connectInstanceArn: expected an instance in region us-east-1 (the "region" field), got eu-west-2',
    ],
    [
      'an instance in another account',
      { connectInstanceArn: 'arn:aws:connect:us-east-1:999999999999:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01' },
      'connectInstanceArn: expected an instance in account 111111111111 (the "accountId" field), got 999999999999',
    ],
    [
      'an upper-case name prefix',
      { namePrefix: 'GenAgent' },
      'namePrefix: expected lower-case letters, digits and single "-", starting with a letter and not ending with "-"',
    ],
    [
      'a name prefix too long for the longest generated name',
      { namePrefix: `g${'a'.repeat(maxNamePrefixLength)}` },
      `namePrefix: expected at most ${maxNamePrefixLength} characters (the longest generated name must fit AWS limits)`,
    ],
    [
      'no mode enabled',
      { modes: { mediaStreaming: false, pstnTransfer: false } },
      'modes: expected at least one of mediaStreaming or pstnTransfer to be true',
    ],
    [
      'a sample inbound flow without media streaming',
      { modes: { mediaStreaming: false, pstnTransfer: true }, sampleInboundFlow: true },
      'sampleInboundFlow: expected false: the sample inbound flow runs the GenerativeAgent module, which needs modes.mediaStreaming',
    ],
    [
      'a network that neither creates nor names a VPC',
      { network: { vpcId: 'vpc-0a1b2c3d' } },
      'network: expected {"create": {"cidr": ...}} or {"existing": {"vpcId": ..., "privateSubnets": [...]}}',
    ],
    ['a malformed VPC CIDR', { network: { create: { cidr: '10.20.0.0' } } }, 'network.create.cidr: expected an IPv4 CIDR block like 10.20.0.0/16'],
    [
      'one subnet only',
      { network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d'] } } },
      'network.existing.privateSubnets: expected at least two private isolated subnets, in two different Availability Zones',
    ],
    [
      'two subnets in one Availability Zone',
      {
        network: {
          existing: {
            vpcId: 'vpc-0a1b2c3d',
            privateSubnets: [
              { id: 'subnet-0a1b2c3d', availabilityZone: 'us-east-1a' },
              { id: 'subnet-0a1b2c3e', availabilityZone: 'us-east-1a' },
            ],
          },
        },
      },
      'network.existing.privateSubnets: expected subnets in at least two different Availability Zones',
    ],
    [
      'a subnet in another region',
      {
        network: {
          existing: {
            vpcId: 'vpc-0a1b2c3d',
            privateSubnets: ['subnet-0a1b2c3d', { id: 'subnet-0a1b2c3e', availabilityZone: 'eu-west-2b' }],
          },
        },
      },
      'network.existing.privateSubnets[1].availabilityZone: expected an Availability Zone of us-east-1, got eu-west-2b',
    ],
    [
      'the same subnet twice',
      { network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3d'] } } },
      'network.existing.privateSubnets: expected distinct subnets, subnet-0a1b2c3d is listed twice',
    ],
    [
      'a Secrets Manager endpoint security group that is no group id',
      {
        network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'], secretsManagerEndpoint: { existing: { securityGroupId: 'vpce-0a1b2c3d' } } } },
        valkey: { transitEncryption: true },
      },
      'network.existing.secretsManagerEndpoint.existing.securityGroupId: expected a security group id like sg-0123456789abcdef0',
    ],
    [
      'an existing Secrets Manager endpoint without TLS',
      { network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'], secretsManagerEndpoint: { existing: { securityGroupId: 'sg-0a1b2c3d' } } } } },
      'network.existing.secretsManagerEndpoint: expected no secretsManagerEndpoint: the Lambdas use it only to read the AUTH token of valkey.transitEncryption; set valkey.transitEncryption to true or remove this field',
    ],
    [
      'zero Valkey replicas',
      { valkey: { replicas: 0 } },
      'valkey.replicas: expected at least 1 replica: the cache is Multi-AZ with automatic failover',
    ],
    ['a fractional replica count', { valkey: { replicas: 1.5 } }, 'valkey.replicas: expected a whole number of replicas'],
    ['a malformed node type', { valkey: { nodeType: 't4g.micro' } }, 'valkey.nodeType: expected an ElastiCache node type like cache.t4g.micro'],
    ['a Redis-only engine version', { valkey: { engineVersion: '6.2' } }, 'valkey.engineVersion: expected a Valkey version like "8.0"'],
    [
      'a stream retention of 0 hours',
      { mediaStreams: { retentionHours: 0 } },
      'mediaStreams.retentionHours: expected at least 1 hour (ASAPP reads the live stream)',
    ],
    [
      'a KMS key in another region',
      { mediaStreams: { kmsKeyArn: 'arn:aws:kms:eu-west-2:111111111111:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' } },
      'mediaStreams.kmsKeyArn: expected a key in region us-east-1, got eu-west-2',
    ],
    [
      'a missing company marker',
      { asapp: { assumingRoleArns: ['arn:aws:iam::000000000000:role/asapp-generativeagent'] } },
      'asapp.companyMarker: required field is missing; expected the company marker ASAPP gave you, a non-empty string',
    ],
    [
      'no ASAPP role to trust',
      { asapp: { companyMarker: 'acme', assumingRoleArns: [] } },
      'asapp.assumingRoleArns: expected at least one ASAPP role ARN to trust',
    ],
    [
      'an ASAPP role ARN that is a user',
      { asapp: { companyMarker: 'acme', assumingRoleArns: ['arn:aws:iam::000000000000:user/asapp'] } },
      'asapp.assumingRoleArns[0]: expected an IAM role ARN like arn:aws:iam::000000000000:role/asapp-generativeagent',
    ],
    [
      'an API host with a path',
      { asapp: { ...minimal.asapp, apiHost: 'https://api.asapp.com/mg-genagent' } },
      'asapp.apiHost: expected a host name like "https://api.asapp.com" or "api.asapp.com"',
    ],
    [
      'a credentials secret that is neither created nor existing',
      { asapp: { ...minimal.asapp, credentialsSecret: { create: false } } },
      'asapp.credentialsSecret: expected {"create": true, "recoveryWindowInDays"?: 0 | 7-30} or {"existingArn": "arn:aws:secretsmanager:...", "kmsKeyArn"?: "arn:aws:kms:..."}',
    ],
    [
      'an invalid SSML regular expression',
      { ssmlConversions: [{ searchFor: '(ASAPP', replaceWith: 'A S A P P' }] },
      'ssmlConversions[0].searchFor: expected a valid regular expression: Invalid regular expression: /(ASAPP/gi: Unterminated group',
    ],
    [
      'an SSML replacement that is not well-formed markup',
      { ssmlConversions: [{ searchFor: 'ASAPP', replaceWith: '<say-as interpret-as="characters">ASAPP' }] },
      'ssmlConversions[0].replaceWith: not well-formed SSML markup: <say-as> is never closed',
    ],
    ['an idle limit of 0', { maxIdleSeconds: 0 }, 'maxIdleSeconds: expected at least 1 s'],
    ['a fractional conversation limit', { maxConversationSeconds: 1.5 }, 'maxConversationSeconds: expected whole seconds'],
    [
      'an output variable that is no JSONPath name',
      { outputVariables: { 'transfer reason': 'ASAPP_TransferReason' } },
      'outputVariables.transfer reason: invalid name; expected a variable name of letters, digits and "_", not starting with a digit',
    ],
    [
      'a long-poll wait beyond the flow limit',
      { pullMode: { mode: 'longPoll', maxWaitMs: 5001 } },
      "pullMode.maxWaitMs: expected at most 5000 ms: PullAction must answer within the module's 8 s",
    ],
    ['an unknown pull mode', { pullMode: { mode: 'push' } }, 'pullMode.mode: expected a pull "mode" of "poll" or "longPoll"'],
    [
      'provisioned concurrency for a function of a mode that is off',
      { provisionedConcurrency: { 'call-context': 1 } },
      'provisionedConcurrency.call-context: expected 0: call-context is not deployed unless modes.pstnTransfer is true',
    ],
    ['negative provisioned concurrency', { provisionedConcurrency: { engage: -1 } }, 'provisionedConcurrency.engage: expected 0 or more'],
    [
      'a log retention CloudWatch does not offer',
      { logRetentionDays: 31 },
      'logRetentionDays: expected a CloudWatch Logs retention: one of 1, 3, 5, 7, 14, 30, 60',
    ],
    [
      'a region without Amazon Connect',
      { region: 'eu-west-1', connectInstanceArn: minimal.connectInstanceArn.replace('us-east-1', 'eu-west-1') },
      'region: expected a region where Amazon Connect is offered, one of us-east-1, us-west-2, af-south-1, ap-northeast-1, ap-northeast-2, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-west-2, us-gov-west-1; got eu-west-1',
    ],
    [
      'a deploy role in another account',
      { deploy: { assumeRoleArn: 'arn:aws:iam::999999999999:role/genagent-deployer' } },
      'deploy.assumeRoleArn: expected a role in account 111111111111 (the "accountId" field), got 999999999999',
    ],
    [
      'deploy credentials naming neither a profile nor a role',
      { deploy: {} },
      'deploy: expected a "profile", an "assumeRoleArn" or both (leave "deploy" out for the default credentials)',
    ],
    [
      'an external id without a role to assume',
      { deploy: { profile: 'acme-dev', externalId: 'abc123' } },
      'deploy.externalId: expected "assumeRoleArn" with it: externalId belongs to the role to assume',
    ],
    [
      'a session name STS rejects',
      { deploy: { assumeRoleArn: 'arn:aws:iam::111111111111:role/genagent-deployer', sessionName: 'cdktf deploy' } },
      'deploy.sessionName: expected 2 to 64 characters of letters, digits and "+=,.@-_"',
    ],
    [
      'a profile with a Terraform Cloud backend',
      { deploy: { profile: 'acme-prod' }, backend: { type: 'cloud', organization: 'acme', workspace: 'genagent-prod' } },
      'deploy.profile: expected no profile with a "cloud" backend: runs execute in Terraform Cloud, which has no AWS profiles',
    ],
    ['an unknown backend type', { backend: { type: 'gcs' } }, 'backend.type: expected a backend "type" of "local", "s3" or "cloud"'],
    [
      'an s3 backend without a key',
      { backend: { type: 's3', bucket: 'state-bucket', region: 'us-east-1' } },
      'backend.key: required field is missing; expected string',
    ],
    [
      'an s3 backend without state locking',
      { backend: { type: 's3', bucket: 'state-bucket', key: 'k', region: 'us-east-1', useLockfile: false } },
      'backend.useLockfile: expected true: state is locked with an S3 lock file',
    ],
    [
      'a local state path that only exists on one machine',
      { backend: { type: 'local', path: '/home/me/genagent/dev.tfstate' } },
      'backend.path: expected a path relative to apps/infra: an absolute path ties the stack to the machine that synthesized it',
    ],
    [
      'a cloud backend without a workspace',
      { backend: { type: 'cloud', organization: 'acme' } },
      'backend.workspace: required field is missing; expected string',
    ],
    [
      'a misspelt field (strict objects)',
      { valkey: { replica: 2 } },
      'valkey.replica: unknown field; check its spelling (see environments/environment.schema.json)',
    ],
    ['an unknown top-level field', { regoin: 'us-east-1' }, 'regoin: unknown field; check its spelling'],
  ])('%s', (_kind, overrides, expected) => {
    const problems = problemsOf(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`${file}: ${expected}`);
  });

  it('rejects a file that is not JSON, naming it', () => {
    const result = parseEnvironment('environments/broken.json', '{"accountId": ');
    expect(result).toEqual({ problems: [expect.stringMatching(/^environments\/broken\.json: \(file\): expected valid JSON: /)] });
  });

  it('rejects a file name that cannot name a stack', () => {
    expect(problemsOf({}, 'environments/Prod EU.json')).toEqual([
      'environments/Prod EU.json: (file name): expected a lower-case name of letters, digits and "-" (it names the stack and its state), got "Prod EU"',
    ]);
  });
});

describe('loadEnvironments', () => {
  function directoryWith(files: Record<string, string>): string {
    const directory = mkdtempSync(join(tmpdir(), 'environments-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
    return directory;
  }

  it('reports the problems of every bad file at once, relative to the display root', () => {
    const directory = directoryWith({
      'dev.json': JSON.stringify(minimal),
      'qa.json': JSON.stringify({ ...minimal, accountId: 'x' }),
      'uat.json': JSON.stringify({ ...minimal, valkey: { replicas: 0 } }),
    });
    let thrown: unknown;
    try {
      loadEnvironments(directory, join(directory, '..'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvironmentConfigError);
    const { problems, message } = thrown as EnvironmentConfigError;
    const folder = directory.split('/').pop();
    expect(problems).toEqual([
      `${folder}/qa.json: accountId: expected a 12-digit AWS account id`,
      `${folder}/uat.json: valkey.replicas: expected at least 1 replica: the cache is Multi-AZ with automatic failover`,
    ]);
    expect(message).toContain(`  - ${folder}/qa.json: accountId`);
  });

  const instanceArn = (suffix: string) => minimal.connectInstanceArn.replace(/[0-9a-f]{4}$/, suffix);

  it('rejects two files with one name prefix in one account, naming both, and accepts it across accounts', () => {
    const directory = directoryWith({
      'a.json': JSON.stringify(minimal),
      'b.json': JSON.stringify({ ...minimal, region: 'eu-west-2', connectInstanceArn: instanceArn('0002').replace('us-east-1', 'eu-west-2') }),
      'c.json': JSON.stringify({
        ...minimal,
        accountId: '222222222222',
        connectInstanceArn: instanceArn('0003').replace('111111111111', '222222222222'),
      }),
    });
    expect(() => loadEnvironments(directory, join(directory, '..'))).toThrow(EnvironmentConfigError);
    const folder = directory.split('/').pop();
    expect(() => loadEnvironments(directory, join(directory, '..'))).toThrow(
      new EnvironmentConfigError([
        `${folder}/b.json: namePrefix: expected a prefix no other environment of account 111111111111 uses; ${folder}/a.json uses "genagent-dev" too, and every resource name would clash`,
      ]),
    );
  });

  it('rejects two files on one Connect instance, naming both', () => {
    const directory = directoryWith({
      'a.json': JSON.stringify(minimal),
      'b.json': JSON.stringify({ ...minimal, namePrefix: 'genagent-b' }),
      'c.json': JSON.stringify({ ...minimal, namePrefix: 'genagent-c', connectInstanceArn: instanceArn('0003') }),
    });
    expect(() => loadEnvironments(directory)).toThrow(
      `b.json: connectInstanceArn: expected an instance no other environment deploys to; a.json uses ${minimal.connectInstanceArn} too`,
    );
  });

  it('skips the generated JSON schema file', () => {
    const schema = readFileSync(join(__dirname, '../../../environments/environment.schema.json'), 'utf8');
    const directory = directoryWith({ 'dev.json': JSON.stringify(minimal), 'environment.schema.json': schema });
    expect(loadEnvironments(directory).map(({ name }) => name)).toEqual(['dev']);
  });

  it('fails when there is no environment at all', () => {
    expect(() => loadEnvironments(directoryWith({}))).toThrow('no environment files (*.json) found');
  });
});
