import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeEnvironments } from '../src/app';
import { dataSourcePermissions, resourcePermissions } from '../src/deployer-policy/permissions';
import type { EnvironmentConfig, EnvironmentFile } from '../src/config/environment-schema';
import {
  deployerPolicies,
  deployScopeOf,
  managedPolicyMaxCharacters,
  type PolicyDocument,
  policyCharacters,
  UnmappedTypesError,
  unmappedTypes,
} from '../src/deployer-policy/deployer-policy';
import { configFrom, exampleEnvironments, repoEnvironmentsDir, synthStack } from './synth';

const base: EnvironmentFile = {
  accountId: '444444444444',
  region: 'eu-west-2',
  connectInstanceArn: 'arn:aws:connect:eu-west-2:444444444444:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01',
  namePrefix: 'genagent-qa',
  asapp: { companyMarker: 'acme', assumingRoleArns: ['arn:aws:iam::000000000000:role/asapp-generativeagent'] },
};

/** Every construct path the stacks can take, beyond whatever example environments exist. */
const fixtures: Record<string, EnvironmentFile> = {
  'media-defaults': base,
  'pstn-only': { ...base, modes: { mediaStreaming: false, pstnTransfer: true }, provisionedConcurrency: { 'call-transfer': 1 } },
  'existing-vpc-tls': {
    ...base,
    modes: { mediaStreaming: true, pstnTransfer: true },
    sampleInboundFlow: true,
    network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'] } },
    valkey: { transitEncryption: true },
    mediaStreams: { kmsKeyArn: 'arn:aws:kms:eu-west-2:444444444444:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
    asapp: { ...base.asapp, credentialsSecret: { existingArn: 'arn:aws:secretsmanager:eu-west-2:444444444444:secret:asapp-AbCdEf' } },
    pullMode: { mode: 'longPoll', maxWaitMs: 5000 },
    provisionedConcurrency: { 'pull-action': 2 },
    alarms: { snsTopicArn: 'arn:aws:sns:eu-west-2:444444444444:alerts' },
    backend: { type: 's3', bucket: 'acme-state', key: 'genagent/qa.tfstate', region: 'eu-west-2' },
  },
};

const environments: { name: string; config: EnvironmentConfig }[] = [
  ...exampleEnvironments,
  ...Object.entries(fixtures).map(([name, file]) => ({ name, config: configFrom(file) })),
];
const stacks = environments.map(({ name, config }) => ({ name, config, stack: synthStack(name, config) }));

function fixtureStack(name: string) {
  const found = stacks.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no fixture stack ${name}`);
  return found;
}

const statementsOf = (documents: readonly PolicyDocument[]) => documents.flatMap((document) => document.Statement);

describe('deployer policy', () => {
  it.each(stacks.map(({ name, config, stack }) => [name, config, stack] as const))(
    '%s: every resource and data source type of the stack has deployer permissions',
    (_name, _config, stack) => {
      expect(Object.keys(stack.resource).length).toBeGreaterThan(0);
      expect(unmappedTypes(stack)).toEqual([]);
    },
  );

  it.each(stacks.map(({ name, config, stack }) => [name, config, stack] as const))(
    '%s: valid IAM policy documents, each within the managed policy limit, scoped to the account',
    (_name, config, stack) => {
      const documents = deployerPolicies(stack, deployScopeOf(config));
      expect(documents.length).toBeGreaterThan(0);
      for (const document of documents) {
        expect(policyCharacters(document)).toBeLessThanOrEqual(managedPolicyMaxCharacters);
        expect(Object.keys(document).sort()).toEqual(['Statement', 'Version']);
        expect(document.Version).toBe('2012-10-17');
        for (const statement of document.Statement) {
          expect(statement.Effect).toBe('Allow');
          expect(statement.Action.length).toBeGreaterThan(0);
          for (const action of statement.Action) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+\*?$/);
          expect(new Set(statement.Action).size).toBe(statement.Action.length);
          for (const resource of statement.Resource) {
            // `*` only where the service has no resource-level permissions; every ARN names this account, or is S3's.
            expect(resource === '*' || resource.includes(`:${config.accountId}:`) || resource.startsWith('arn:aws:s3:::')).toBe(true);
          }
        }
      }
      const starActions = statementsOf(documents)
        .filter((statement) => statement.Resource.includes('*'))
        .flatMap((statement) => statement.Action);
      for (const action of starActions) {
        expect(action).toMatch(/^(?:ec2:Describe\w+|kms:ListAliases|secretsmanager:GetRandomPassword|route53:AssociateVPCWithHostedZone|logs:(?:Put|Describe|Delete)QueryDefinitions?)$/);
      }
    },
  );

  it('grants what the stack creates: its functions, its roles (passed only to Lambda), its instance', () => {
    const { config, stack } = fixtureStack('existing-vpc-tls');
    const statements = statementsOf(deployerPolicies(stack, deployScopeOf(config)));
    const resourcesFor = (action: string) => statements.filter((statement) => statement.Action.includes(action)).flatMap((s) => s.Resource);
    expect(resourcesFor('lambda:CreateFunction')).toEqual(['arn:aws:lambda:eu-west-2:444444444444:function:genagent-qa-*']);
    expect(resourcesFor('iam:CreateRole')).toEqual(['arn:aws:iam::444444444444:role/genagent-qa-*']);
    expect(statements.find((statement) => statement.Action.includes('iam:PassRole'))).toEqual({
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam::444444444444:role/genagent-qa-*'],
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    });
    expect(resourcesFor('connect:CreateContactFlowModule')).toEqual([
      base.connectInstanceArn,
      `${base.connectInstanceArn}/flow-module/*`,
    ]);
  });

  it('includes the S3 state backend: the bucket listing, the state object and its lock file', () => {
    const { config, stack } = fixtureStack('existing-vpc-tls');
    const statements = statementsOf(deployerPolicies(stack, deployScopeOf(config)));
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: ['arn:aws:s3:::acme-state'] },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::acme-state/genagent/qa.tfstate'] },
        {
          Effect: 'Allow',
          Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          Resource: ['arn:aws:s3:::acme-state/genagent/qa.tfstate.tflock'],
        },
      ]),
    );
  });

  it('grants only the types a stack uses: a PSTN-only stack gets no ElastiCache or EC2 network permissions', () => {
    const { config, stack } = fixtureStack('pstn-only');
    const actions = statementsOf(deployerPolicies(stack, deployScopeOf(config))).flatMap((statement) => statement.Action);
    expect(actions).toContain('lambda:CreateFunction');
    expect(actions.filter((action) => action.startsWith('elasticache:') || action.startsWith('ec2:Create'))).toEqual([]);
  });

  it('refuses a stack with a type the table lacks, naming it', () => {
    const { config, stack } = fixtureStack('media-defaults');
    const extended = { ...stack, resource: { ...stack.resource, aws_sqs_queue: {} }, data: { ...stack.data, aws_caller_identity: {} } };
    expect(() => deployerPolicies(extended, deployScopeOf(config))).toThrow(UnmappedTypesError);
    expect(() => deployerPolicies(extended, deployScopeOf(config))).toThrow(
      'No deployer permissions for aws_sqs_queue, data.aws_caller_identity: add the IAM actions',
    );
  });

  it('deployer-policy <env> writes the documents of the synthesized stack and says how to use them', () => {
    const outdir = join(mkdtempSync(join(tmpdir(), 'deployer-policy-')), 'cdktf.out');
    synthesizeEnvironments({ environmentsDir: repoEnvironmentsDir, displayRoot: join(repoEnvironmentsDir, '..'), outdir });
    const [first] = exampleEnvironments;
    if (!first) throw new Error('no example environment');
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../scripts/deployer-policy.ts'), first.name], {
      env: { ...process.env, CDKTF_OUTDIR: outdir },
      encoding: 'utf8',
    });
    const files = readdirSync(join(outdir, 'deployer-policy')).sort();
    expect(files[0]).toBe(`${first.name}-1.json`);
    const stack = JSON.parse(readFileSync(join(outdir, 'stacks', first.name, 'cdk.tf.json'), 'utf8'));
    const expected = deployerPolicies(stack, deployScopeOf(first.config));
    expect(files.map((file) => JSON.parse(readFileSync(join(outdir, 'deployer-policy', file), 'utf8')))).toEqual(expected);
    expect(output).toContain(`aws iam create-policy --policy-name ${first.config.namePrefix}-deployer-<n>`);
  });

  it('has an entry for every provider class the stacks can use (also behind options no environment sets) and no other', () => {
    // `@cdktf/provider-aws/lib/<type with dashes>` is the resource aws_<type>; `data-aws-<type>` is the data source.
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((entry) => {
        const path = join(dir, entry);
        return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
      });
    const modules = new Set(
      [join(__dirname, '../src'), join(__dirname, '../../../packages/constructs/src')]
        .flatMap(sources)
        .flatMap((text) => [...text.matchAll(/@cdktf\/provider-aws\/lib\/([a-z0-9-]+)/g)].map((match) => match[1] ?? '')),
    );
    modules.delete('provider');
    const used = [...modules].map((module) =>
      module.startsWith('data-aws-') ? `data.aws_${module.slice(9).replaceAll('-', '_')}` : `aws_${module.replaceAll('-', '_')}`,
    );
    const mapped = [...Object.keys(resourcePermissions), ...Object.keys(dataSourcePermissions).map((type) => `data.${type}`)];
    expect(used.length).toBeGreaterThan(10);
    expect(mapped.sort()).toEqual(used.sort());
  });
});
