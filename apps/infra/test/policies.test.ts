import { maxNamePrefixLength } from '../src/config/name-prefix';
import {
  generatedNames,
  iamStatements,
  lambdaSecretViolations,
  logGroupViolations,
  nameLengthViolations,
  openIngressViolations,
  valkeyEncryptionViolations,
  wildcardViolations,
} from './policy-checks';
import { configFrom, exampleConfig, exampleEnvironments, interpolation, resourcesOf, type SynthesizedStack, synthStack } from './synth';

const longestPrefix = `g${'x'.repeat(maxNamePrefixLength - 1)}`;
const dev = exampleConfig('dev');

/** The example environments plus variants reaching the corners: longest prefix, PSTN only, existing VPC by subnet ids. */
const stacks: [string, SynthesizedStack][] = [
  ...exampleEnvironments.map(({ name, config }): [string, SynthesizedStack] => [name, synthStack(name, config)]),
  [
    'longest-prefix (both modes, TLS, sample flow)',
    synthStack('longest', { ...dev, namePrefix: longestPrefix, valkey: { ...dev.valkey, transitEncryption: true } }),
  ],
  [
    'pstn-only',
    synthStack(
      'pstn',
      configFrom({
        accountId: dev.accountId,
        region: dev.region,
        connectInstanceArn: dev.connectInstanceArn,
        namePrefix: 'ga-pstn',
        modes: { mediaStreaming: false, pstnTransfer: true },
        asapp: { companyMarker: 'acme', assumingRoleArns: dev.asapp.assumingRoleArns },
      }),
    ),
  ],
  [
    'existing-vpc-by-ids',
    synthStack(
      'existing',
      configFrom({
        accountId: dev.accountId,
        region: dev.region,
        connectInstanceArn: dev.connectInstanceArn,
        namePrefix: 'ga-existing',
        network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: ['subnet-0a1b2c3d', 'subnet-0a1b2c3e'] } },
        asapp: { companyMarker: 'acme', assumingRoleArns: dev.asapp.assumingRoleArns, credentialsSecret: { create: true } },
      }),
    ),
  ],
];

describe.each(stacks)('policy checks: %s', (_name, stack) => {
  it('grants no IAM wildcard action, and Resource "*" only for kinesisvideo:ListStreams and Lambda\'s ENI actions', () => {
    expect(iamStatements(stack).length).toBeGreaterThan(0);
    expect(wildcardViolations(stack)).toEqual([]);
  });

  it('opens no ingress from 0.0.0.0/0 or ::/0', () => {
    expect(openIngressViolations(stack)).toEqual([]);
  });

  it('encrypts Valkey at rest', () => {
    const mediaStreaming = resourcesOf(stack, 'aws_connect_instance_storage_config').length > 0;
    expect(resourcesOf(stack, 'aws_elasticache_replication_group')).toHaveLength(mediaStreaming ? 1 : 0);
    expect(valkeyEncryptionViolations(stack)).toEqual([]);
  });

  it('puts no secret into a Lambda environment variable', () => {
    const generatedSecrets = resourcesOf(stack, 'aws_secretsmanager_secret_version').map((version) => String(version.secret_string));
    expect(lambdaSecretViolations(stack, generatedSecrets)).toEqual([]);
  });

  it('gives every Lambda a log group with retention', () => {
    expect(resourcesOf(stack, 'aws_lambda_function').length).toBeGreaterThan(0);
    expect(logGroupViolations(stack)).toEqual([]);
  });

  it('keeps every generated name within its AWS limit', () => {
    expect(generatedNames(stack).length).toBeGreaterThan(10);
    expect(nameLengthViolations(stack)).toEqual([]);
  });
});

describe('the name prefix limit', () => {
  it('is tight: one more character pushes a generated name past its AWS limit', () => {
    const tooLong = { ...dev, namePrefix: `${longestPrefix}x` };
    let problems: string[];
    try {
      problems = nameLengthViolations(synthStack('too-long', tooLong));
    } catch (error) {
      problems = [(error as Error).message];
    }
    expect(problems.join('\n')).toMatch(/AWS allows (at most )?\d+/);
  });
});

describe('the policy checks catch what they look for', () => {
  const clean = () => synthStack('dev', dev);

  it('flags Action "*", service wildcards and Resource "*"', () => {
    const stack = clean();
    const [policyName, policy] = Object.entries(stack.resource.aws_iam_role_policy ?? {})[0] ?? [];
    if (!policy) throw new Error('no role policy');
    policy.policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'All', Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
        { Sid: 'Service', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b' },
        { Sid: 'Anywhere', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' },
        { Sid: 'Fine', Effect: 'Allow', Action: 'kinesisvideo:ListStreams', Resource: '*' },
        { Sid: 'Eni', Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'], Resource: '*' },
        { Sid: 'EniPlus', Effect: 'Allow', Action: ['ec2:DescribeSubnets', 'ec2:RunInstances'], Resource: '*' },
      ],
    });
    expect(wildcardViolations(stack)).toEqual([
      `aws_iam_role_policy.${policyName}.policy statement All: Action *`,
      `aws_iam_role_policy.${policyName}.policy statement Service: Action s3:*`,
      `aws_iam_role_policy.${policyName}.policy statement Anywhere: Resource "*" for lambda:InvokeFunction`,
      `aws_iam_role_policy.${policyName}.policy statement EniPlus: Resource "*" for ec2:DescribeSubnets, ec2:RunInstances`,
    ]);
  });

  it('flags open ingress in inline blocks and rule resources', () => {
    const stack = clean();
    const [groupName, group] = Object.entries(stack.resource.aws_security_group ?? {})[0] ?? [];
    if (!group) throw new Error('no security group');
    group.ingress = [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }];
    const [ruleName, rule] = Object.entries(stack.resource.aws_vpc_security_group_ingress_rule ?? {})[0] ?? [];
    if (!rule) throw new Error('no ingress rule');
    rule.cidr_ipv6 = '::/0';
    expect(openIngressViolations(stack)).toEqual([
      `aws_security_group.${groupName}: ingress from 0.0.0.0/0`,
      `aws_vpc_security_group_ingress_rule.${ruleName}: ingress from ::/0`,
    ]);
  });

  it('flags secrets in Lambda environments, unencrypted Valkey, missing retention and long names', () => {
    const stack = clean();
    const engage = Object.values(stack.resource.aws_lambda_function ?? {}).find((fn) => fn.function_name === 'genagent-dev-engage');
    if (!engage) throw new Error('no engage function');
    const variables = (engage.environment as { variables: Record<string, string> }).variables;
    variables.ASAPP_API_SECRET = 'plain-secret';
    variables.VALKEY_AUTH_TOKEN = interpolation('aws_secretsmanager_secret_version.x.secret_string');
    for (const group of Object.values(stack.resource.aws_elasticache_replication_group ?? {})) group.at_rest_encryption_enabled = false;
    for (const group of Object.values(stack.resource.aws_cloudwatch_log_group ?? {})) delete group.retention_in_days;
    engage.function_name = 'x'.repeat(65);

    expect(lambdaSecretViolations(stack, ['plain-secret'])).toEqual([
      `${'x'.repeat(65)} ASAPP_API_SECRET: local-only variable deployed`,
      `${'x'.repeat(65)} ASAPP_API_SECRET: "plain-secret" is not a Secrets Manager ARN`,
      `${'x'.repeat(65)} ASAPP_API_SECRET: contains a known secret value`,
      `${'x'.repeat(65)} VALKEY_AUTH_TOKEN: "\${aws_secretsmanager_secret_version.x.secret_string}" is not a Secrets Manager ARN`,
      `${'x'.repeat(65)} VALKEY_AUTH_TOKEN: references a secret value (\${aws_secretsmanager_secret_version.x.secret_string})`,
    ]);
    expect(valkeyEncryptionViolations(stack)).toEqual(['genagent-dev-valkey: at_rest_encryption_enabled is not true']);
    expect(logGroupViolations(stack)).toContain(`${'x'.repeat(65)}: no log group /aws/lambda/${'x'.repeat(65)}`);
    expect(logGroupViolations(stack)).toContain('genagent-dev-pull-action: log group has no retention');
    expect(nameLengthViolations(stack)).toEqual([
      `aws_lambda_function.function_name "${'x'.repeat(65)}" is 65 characters; AWS allows 64`,
    ]);
  });
});
