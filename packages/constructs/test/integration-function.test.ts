import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConnectLambdaFunctionAssociation } from '@cdktf/provider-aws/lib/connect-lambda-function-association';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { LambdaProvisionedConcurrencyConfig } from '@cdktf/provider-aws/lib/lambda-provisioned-concurrency-config';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { type IntegrationFunctionProps, IntegrationFunction } from '../src';
import { instanceArn, instanceId, onlyResource, policy, resourcesOf, synth, tempFile } from './synth';

const zipPath = tempFile('pull-action.zip', 'stand-in zip bytes');
const base: IntegrationFunctionProps = { namePrefix: 'ga-dev', name: 'pull-action', zipPath };

describe('IntegrationFunction', () => {
  it('deploys the zip on nodejs22.x x86_64 with a source hash, published behind a "live" alias', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', { ...base, memorySizeMb: 512, timeoutSeconds: 3 }));
    const expectedHash = createHash('sha256').update(readFileSync(zipPath)).digest('base64');
    expect(out).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'ga-dev-pull-action',
      runtime: 'nodejs22.x',
      architectures: ['x86_64'],
      handler: 'index.handler',
      memory_size: 512,
      timeout: 3,
      publish: true,
      source_code_hash: expectedHash,
    });
    const fn = onlyResource(out, 'aws_lambda_function');
    expect(fn.filename).toMatch(/^assets\/[\w-]+\/[0-9a-f]{64}\/pull-action\.zip$/);
    expect(fn).not.toHaveProperty('vpc_config');
    expect(out).toHaveResourceWithProperties(LambdaAlias, { name: 'live' });
    const alias = onlyResource(out, 'aws_lambda_alias');
    expect(alias.function_version).toMatch(/^\$\{aws_lambda_function\.[\w-]+\.version\}$/);
    expect(resourcesOf(out, 'aws_lambda_provisioned_concurrency_config')).toHaveLength(0);
    expect(fn).not.toHaveProperty('reserved_concurrent_executions');
    expect(resourcesOf(out, 'aws_lambda_permission')).toHaveLength(0);
    expect(resourcesOf(out, 'aws_connect_lambda_function_association')).toHaveLength(0);
  });

  it('creates its log group with retention before the function', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', { ...base, logRetentionDays: 14 }));
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/aws/lambda/ga-dev-pull-action',
      retention_in_days: 14,
    });
    const fn = onlyResource(out, 'aws_lambda_function');
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./)]));
  });

  it('has its own role: trusted by Lambda, writing only its own log streams', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', base));
    const role = onlyResource(out, 'aws_iam_role');
    expect(role.name).toBe('ga-dev-pull-action');
    expect(policy(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const statements = policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
    expect(statements).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/),
      },
    ]);
    expect(resourcesOf(out, 'aws_iam_role_policy_attachment')).toHaveLength(0);
  });

  it('in a VPC: subnets, security groups and an inline policy with only the network-interface actions on "*"', () => {
    const out = synth(
      (scope) =>
        new IntegrationFunction(scope, 'pull-action', {
          ...base,
          vpc: { subnetIds: ['subnet-a', 'subnet-b'], securityGroupIds: ['sg-pull'] },
        }),
    );
    expect(out).toHaveResourceWithProperties(LambdaFunction, {
      vpc_config: { subnet_ids: ['subnet-a', 'subnet-b'], security_group_ids: ['sg-pull'] },
    });
    // No managed policy: AWSLambdaVPCAccessExecutionRole also allows logs on every log group.
    expect(resourcesOf(out, 'aws_iam_role_policy_attachment')).toHaveLength(0);
    const statements = policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
    expect(statements).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}:\*$/),
      },
      {
        Sid: 'ManageVpcNetworkInterfaces',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        Resource: '*',
      },
    ]);
    const fn = onlyResource(out, 'aws_lambda_function');
    expect(fn.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy\./)]));
  });

  it('adds extra statements to its inline policy once per Sid, and refuses a different one under a used Sid', () => {
    const decrypt = {
      Sid: 'DecryptSomething',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    } as const;
    const out = synth((scope) => {
      const fn = new IntegrationFunction(scope, 'engage', { ...base, name: 'engage' });
      fn.addToPolicy(decrypt);
      fn.addToPolicy({ ...decrypt });
      expect(() => fn.addToPolicy({ ...decrypt, Resource: '*' })).toThrow(
        'IntegrationFunction "engage" policy already has a different statement with Sid "DecryptSomething".',
      );
    });
    const statements = policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
    expect(statements.filter((statement) => statement.Sid === 'DecryptSomething')).toEqual([decrypt]);
  });

  it('turns on X-Ray active tracing, the handlers\u2019 subsegments and the trace write permission only when asked', () => {
    const traced = synth((scope) => new IntegrationFunction(scope, 'fn', { ...base, tracing: true }));
    const fn = onlyResource(traced, 'aws_lambda_function');
    expect(fn.tracing_config).toEqual({ mode: 'Active' });
    expect((fn.environment as { variables: Record<string, string> }).variables.POWERTOOLS_TRACE_ENABLED).toBe('true');
    expect(policy(onlyResource(traced, 'aws_iam_role_policy').policy).Statement).toContainEqual({
      Sid: 'WriteTraces',
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: '*',
    });
    const untraced = synth((scope) => new IntegrationFunction(scope, 'fn', base));
    expect(onlyResource(untraced, 'aws_lambda_function').tracing_config).toBeUndefined();
    expect(JSON.stringify(onlyResource(untraced, 'aws_iam_role_policy'))).not.toContain('xray:');
  });

  it('passes non-secret environment, and reads only the given secrets', () => {
    const out = synth((scope) => {
      const fn = new IntegrationFunction(scope, 'engage', {
        ...base,
        name: 'engage',
        environment: { ASAPP_API_HOST: 'https://api.asapp.com', ASAPP_CREDENTIALS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-AbCdEf' },
        secretArns: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-AbCdEf'],
      });
      fn.addEnvironment('POWERTOOLS_LOG_LEVEL', 'INFO');
      fn.grantSecretRead('arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ123');
    });
    expect(out).toHaveResourceWithProperties(LambdaFunction, {
      environment: {
        variables: {
          POWERTOOLS_SERVICE_NAME: 'engage',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          ASAPP_API_HOST: 'https://api.asapp.com',
          ASAPP_CREDENTIALS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-AbCdEf',
        },
      },
    });
    const statements = policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
    expect(statements).toContainEqual({
      Sid: 'ReadOwnSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp-AbCdEf',
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ123',
      ],
    });
  });

  it('lets this Connect instance invoke the alias and associates the alias with the instance', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', { ...base, connectInstanceArn: instanceArn }));
    expect(out).toHaveResourceWithProperties(LambdaPermission, {
      action: 'lambda:InvokeFunction',
      principal: 'connect.amazonaws.com',
      source_arn: instanceArn,
      source_account: '123456789012',
    });
    const permission = onlyResource(out, 'aws_lambda_permission');
    expect(permission.qualifier).toMatch(/^\$\{aws_lambda_alias\.[\w-]+\.name\}$/);
    expect(out).toHaveResourceWithProperties(ConnectLambdaFunctionAssociation, { instance_id: instanceId });
    const association = onlyResource(out, 'aws_connect_lambda_function_association');
    expect(association.function_arn).toMatch(/^\$\{aws_lambda_alias\.[\w-]+\.arn\}$/);
  });

  it('gives flows nothing to wait for when Connect does not call it', () => {
    let fn: IntegrationFunction | undefined;
    synth((scope) => {
      fn = new IntegrationFunction(scope, 'push-action', { ...base, name: 'push-action' });
    });
    expect(fn?.connectAccess).toEqual([]);
  });

  it('puts provisioned concurrency on the alias when asked', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', { ...base, provisionedConcurrency: 2, aliasName: 'prod' }));
    expect(out).toHaveResourceWithProperties(LambdaProvisionedConcurrencyConfig, { provisioned_concurrent_executions: 2 });
    expect(onlyResource(out, 'aws_lambda_provisioned_concurrency_config').qualifier).toMatch(/aws_lambda_alias\.[\w-]+\.name/);
    expect(out).toHaveResourceWithProperties(LambdaAlias, { name: 'prod' });
  });

  it('reserves concurrency for the function when asked', () => {
    const out = synth((scope) => new IntegrationFunction(scope, 'pull-action', { ...base, reservedConcurrentExecutions: 52 }));
    expect(out).toHaveResourceWithProperties(LambdaFunction, { function_name: 'ga-dev-pull-action', reserved_concurrent_executions: 52 });
  });

  it('copies the zip into the synthesized stack so Terraform (and remote runs) find it', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new IntegrationFunction(stack, 'pull-action', base);
    const stackDir = Testing.fullSynth(stack);
    const synthesized = JSON.parse(readFileSync(join(stackDir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
    const filename = Object.values(synthesized.resource.aws_lambda_function as Record<string, { filename: string }>)[0]?.filename;
    expect(filename).toBeDefined();
    const copied = join(stackDir, 'stacks', 'stack', String(filename));
    expect(existsSync(copied)).toBe(true);
    expect(readFileSync(copied, 'utf8')).toBe('stand-in zip bytes');
  });

  it.each([
    [{ zipPath: '/nonexistent/engage.zip' }, /the Lambda bundle does not exist; run pnpm build .*\(looked for \/nonexistent\/engage.zip\)/],
    [{ environment: { ASAPP_API_SECRET: 'x' } }, /"ASAPP_API_SECRET" looks like a secret; .* pass its ARN/],
    [{ environment: { VALKEY_PASSWORD: 'x' } }, /"VALKEY_PASSWORD" looks like a secret/],
    [{ environment: { AWS_REGION: 'x' } }, /not AWS_\* \(reserved by Lambda\)/],
    [{ environment: { BIG: 'x'.repeat(5000) } }, /environment variables total \d+ bytes; Lambda allows 4096. The largest is BIG \(5003 bytes\)/],
    [{ timeoutSeconds: 901 }, /timeoutSeconds 901 must be an integer from 1 to 900/],
    [{ memorySizeMb: 64 }, /memorySizeMb 64 must be an integer from 128 to 10240/],
    [{ reservedConcurrentExecutions: 0 }, /reservedConcurrentExecutions 0 must be an integer from 1 to 100000/],
    [{ reservedConcurrentExecutions: 3, provisionedConcurrency: 5 }, /reservedConcurrentExecutions 3 must be an integer from 5 to 100000/],
    [{ logRetentionDays: 10 }, /logRetentionDays 10 is not a CloudWatch Logs retention; use one of 1, 3, 5/],
    [{ name: 'x'.repeat(60) }, /for lambdaFunction is 67 characters; AWS allows at most 64/],
    [{ connectInstanceArn: 'arn:aws:connect:us-east-1:1:instance/x' }, /is not valid: expected arn:aws:connect/],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new IntegrationFunction(scope, 'fn', { ...base, ...override }))).toThrow(message);
  });
});
