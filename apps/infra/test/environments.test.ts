import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { renderFlowTemplate } from '@genagent-connect/connect-flow';
import { join, resolve } from 'node:path';
import { readFlowTemplate } from '../src/flow-templates';
import {
  dataOf,
  exampleConfig,
  interpolation,
  lambdaNamed,
  onlyResource,
  referencedAddress,
  resolveReference,
  resourcesOf,
  type SynthesizedStack,
  synthStack,
} from './synth';

const dev = synthStack('dev', exampleConfig('dev'));
const staging = synthStack('staging', exampleConfig('staging'));
const prod = synthStack('prod', exampleConfig('prod'));

/** Address of the one credentials secret a stack creates. */
const credentialsSecretArn = (stack: SynthesizedStack) =>
  interpolation(`aws_secretsmanager_secret.${Object.keys(stack.resource.aws_secretsmanager_secret ?? {})[0]}.arn`);
const functionNames = (stack: SynthesizedStack) => resourcesOf(stack, 'aws_lambda_function').map((fn) => fn.function_name).sort();
const aliasOf = (stack: SynthesizedStack, functionName: string) => {
  const fnAddress = Object.entries(stack.resource.aws_lambda_function ?? {}).find(([, fn]) => fn.function_name === functionName)?.[0];
  const [address] = Object.entries(stack.resource.aws_lambda_alias ?? {}).find(
    ([, alias]) => alias.function_name === `\${aws_lambda_function.${fnAddress}.function_name}`,
  ) ?? [''];
  return `\${aws_lambda_alias.${address}.arn}`;
};
const policyOf = (document: unknown) => JSON.parse(String(document)) as { Statement: Record<string, unknown>[] };
/** `type.name` of the resources of a type (that `where` accepts): what `depends_on` lists. */
const addressesWhere = (stack: SynthesizedStack, type: string, where: (resource: Record<string, unknown>) => boolean = () => true) =>
  Object.entries(stack.resource[type] ?? {}).flatMap(([name, resource]) => (where(resource) ? [`${type}.${name}`] : []));
/** The Connect invoke permission and instance association of a function. */
const connectAccessOf = (stack: SynthesizedStack, functionName: string) => {
  const [fnAddress] = addressesWhere(stack, 'aws_lambda_function', (fn) => fn.function_name === functionName);
  return [
    ...addressesWhere(stack, 'aws_lambda_permission', (permission) => permission.function_name === interpolation(`${fnAddress}.function_name`)),
    ...addressesWhere(stack, 'aws_connect_lambda_function_association', (association) => association.function_arn === aliasOf(stack, functionName)),
  ];
};

describe('dev (local state, new VPC, both modes, sample flow)', () => {
  it('stores state in apps/infra/terraform.dev.tfstate, relative to the directory cdktf runs terraform in', () => {
    expect(dev.terraform.backend).toEqual({ local: { path: '../../../terraform.dev.tfstate' } });
    expect(resolve(__dirname, '..', 'cdktf.out', 'stacks', 'dev', '../../../terraform.dev.tfstate')).toBe(
      join(__dirname, '..', 'terraform.dev.tfstate'),
    );
  });

  it('pins the provider to the account and region, with default tags', () => {
    expect(dev.provider.aws).toEqual([
      {
        region: 'us-east-1',
        allowed_account_ids: ['111111111111'],
        profile: 'acme-dev',
        default_tags: [
          {
            tags: { Project: 'asapp-generativeagent', Environment: 'dev', ManagedBy: 'cdktf', CostCenter: 'contact-center-dev' },
          },
        ],
      },
    ]);
  });

  it('deploys all five functions on nodejs22.x from their bundles, each with a source hash and a published alias', () => {
    expect(functionNames(dev)).toEqual([
      'genagent-dev-call-context',
      'genagent-dev-call-transfer',
      'genagent-dev-engage',
      'genagent-dev-pull-action',
      'genagent-dev-push-action',
    ]);
    expect(JSON.stringify(dev)).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'genagent-dev-engage',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      publish: true,
      timeout: 15,
    });
    for (const fn of resourcesOf(dev, 'aws_lambda_function')) {
      expect(fn.filename).toMatch(/^assets\/.+\.zip$/);
      expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    }
    expect(resourcesOf(dev, 'aws_lambda_alias')).toHaveLength(5);
    expect(resourcesOf(dev, 'aws_lambda_provisioned_concurrency_config')).toHaveLength(0);
  });

  it('gives Engage the ASAPP host, the credentials secret ARN and the attribute map, outside the VPC', () => {
    const engage = lambdaNamed(dev, 'genagent-dev-engage');
    expect(engage.environment.variables).toEqual({
      ASAPP_API_HOST: 'https://api.sandbox.asapp.com',
      ASAPP_CREDENTIALS_SECRET_ARN: credentialsSecretArn(dev),
      ATTRIBUTES_TO_INPUT_VARIABLES: JSON.stringify({ ASAPP_TaskName: 'taskName', CustomerTier: 'customerTier' }),
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
      POWERTOOLS_SERVICE_NAME: 'engage',
      POWERTOOLS_METRICS_NAMESPACE: 'GenAgentConnect',
      GENAGENT_ENVIRONMENT: 'genagent-dev',
    });
    expect(engage.vpc_config).toBeUndefined();
  });

  it('puts PushAction and PullAction in the isolated subnets with their own groups, wired to the Valkey primary endpoint', () => {
    const valkeyAddress = Object.keys(dev.resource.aws_elasticache_replication_group ?? {})[0];
    for (const [name, group] of [
      ['push-action', 'push-action-sg'],
      ['pull-action', 'pull-action-sg'],
    ] as const) {
      const fn = lambdaNamed(dev, `genagent-dev-${name}`);
      expect(fn.environment.variables).toMatchObject({
        VALKEY_HOST: `\${aws_elasticache_replication_group.${valkeyAddress}.primary_endpoint_address}`,
        VALKEY_PORT: '6379',
        VALKEY_TLS: 'false',
      });
      expect(fn.environment.variables.VALKEY_AUTH_SECRET_ARN).toBeUndefined();
      expect(fn.vpc_config?.subnet_ids).toHaveLength(2);
      expect(fn.vpc_config?.security_group_ids).toEqual([expect.stringContaining(`_network_${group}_`)]);
    }
    // push-action waits for a replica (WAIT) because the cache has one; pull-action does not wait.
    expect(lambdaNamed(dev, 'genagent-dev-push-action').environment.variables).toMatchObject({ VALKEY_REPLICAS: '1' });
    expect(lambdaNamed(dev, 'genagent-dev-pull-action').environment.variables).not.toHaveProperty('VALKEY_REPLICAS');
    expect(lambdaNamed(dev, 'genagent-dev-pull-action').environment.variables).toMatchObject({
      PULL_WAIT_MS: '0',
      MAX_IDLE_SECONDS: '120',
      MAX_CONVERSATION_SECONDS: '3600',
      VALKEY_OUTAGE_GRACE_SECONDS: '30',
      SSML_CONVERSIONS: JSON.stringify([{ searchFor: '\\bASAPP\\b', replaceWith: '<say-as interpret-as="characters">ASAPP</say-as>' }]),
    });
  });

  it('creates a VPC with two isolated subnets in two AZs and no internet path', () => {
    expect(onlyResource(dev, 'aws_vpc').cidr_block).toBe('10.20.0.0/16');
    const subnets = resourcesOf(dev, 'aws_subnet');
    expect(subnets.map((subnet) => subnet.cidr_block)).toEqual(['10.20.0.0/17', '10.20.128.0/17']);
    expect(new Set(subnets.map((subnet) => subnet.availability_zone)).size).toBe(2);
    for (const type of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_route', 'aws_eip']) {
      expect(resourcesOf(dev, type)).toEqual([]);
    }
  });

  it('lets only the PushAction and PullAction groups reach Valkey on 6379, and them reach nothing else', () => {
    const groups = dev.resource.aws_security_group ?? {};
    const groupOf = (expression: unknown) => (groups[String(referencedAddress(expression)).split('.')[1] ?? '']?.name as string) ?? '?';
    const rules = (type: string) =>
      resourcesOf(dev, type)
        .map((rule) => `${groupOf(rule.security_group_id)} ${rule.ip_protocol}/${rule.from_port}-${rule.to_port} ${groupOf(rule.referenced_security_group_id)}`)
        .sort();
    expect(rules('aws_vpc_security_group_ingress_rule')).toEqual([
      'genagent-dev-valkey tcp/6379-6379 genagent-dev-pull-action',
      'genagent-dev-valkey tcp/6379-6379 genagent-dev-push-action',
    ]);
    expect(rules('aws_vpc_security_group_egress_rule')).toEqual([
      'genagent-dev-pull-action tcp/6379-6379 genagent-dev-valkey',
      'genagent-dev-push-action tcp/6379-6379 genagent-dev-valkey',
    ]);
  });

  it('runs Valkey Multi-AZ with failover, one replica, encrypted at rest, cluster mode off', () => {
    expect(onlyResource(dev, 'aws_elasticache_replication_group')).toMatchObject({
      replication_group_id: 'genagent-dev-valkey',
      engine: 'valkey',
      engine_version: '8.0',
      node_type: 'cache.t4g.micro',
      cluster_mode: 'disabled',
      num_node_groups: 1,
      replicas_per_node_group: 1,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: false,
    });
  });

  it('streams media to Kinesis Video Streams with the prefix and retention', () => {
    expect(onlyResource(dev, 'aws_connect_instance_storage_config')).toMatchObject({
      instance_id: '0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01',
      resource_type: 'MEDIA_STREAMS',
      storage_config: {
        storage_type: 'KINESIS_VIDEO_STREAM',
        kinesis_video_stream_config: { prefix: 'genagent-dev', retention_period_hours: 24 },
      },
    });
  });

  it("trusts only ASAPP's role, reads only the instance's streams and invokes only the PushAction alias", () => {
    const role = onlyResource(dev, 'aws_iam_role', (candidate) => candidate.name === 'genagent-dev-asapp-access');
    expect(policyOf(role.assume_role_policy).Statement).toEqual([
      {
        Sid: 'TrustAsappRole1',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::000000000000:role/asapp-generativeagent' },
        Action: 'sts:AssumeRole',
      },
    ]);
    const policy = onlyResource(dev, 'aws_iam_role_policy', (candidate) => candidate.name === 'asapp-generativeagent');
    expect(policyOf(policy.policy).Statement).toEqual([
      expect.objectContaining({
        Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia', 'kinesisvideo:DescribeStream'],
        Resource: 'arn:aws:kinesisvideo:us-east-1:111111111111:stream/genagent-dev*/*',
      }),
      expect.objectContaining({ Action: 'kinesisvideo:ListStreams', Resource: '*' }),
      expect.objectContaining({ Action: 'lambda:InvokeFunction', Resource: aliasOf(dev, 'genagent-dev-push-action') }),
    ]);
  });

  it('lets Connect invoke and associates exactly the functions the flows call, scoped to the instance', () => {
    const instanceArn = 'arn:aws:connect:us-east-1:111111111111:instance/0d3c4b5a-1e2f-4a3b-8c4d-5e6f7a8b9c01';
    const callable = ['engage', 'pull-action', 'call-transfer', 'call-context'].map((name) => aliasOf(dev, `genagent-dev-${name}`)).sort();
    expect(resourcesOf(dev, 'aws_connect_lambda_function_association').map((association) => association.function_arn).sort()).toEqual(callable);
    const permissions = resourcesOf(dev, 'aws_lambda_permission');
    expect(permissions).toHaveLength(4);
    for (const permission of permissions) {
      expect(permission).toMatchObject({ principal: 'connect.amazonaws.com', action: 'lambda:InvokeFunction', source_arn: instanceArn });
    }
  });

  it('renders the GenerativeAgent module with the alias ARNs, the cue URI and the output variables, no placeholder left', () => {
    const module = onlyResource(dev, 'aws_connect_contact_flow_module');
    expect(module.name).toBe('genagent-dev-generative-agent');
    const content = String(module.content);
    expect(content).not.toContain('{{');
    expect(content).toContain(aliasOf(dev, 'genagent-dev-engage'));
    expect(content).toContain(aliasOf(dev, 'genagent-dev-pull-action'));
    expect(content).toMatch(/"Uri": "https:\/\/\$\{aws_s3_bucket\.[^}]+\.bucket_regional_domain_name\}\/prompts\/processing-cue\.wav"/);
    expect(content).toContain('"ASAPP_TransferReason": "$.External.outputVariables.transferReason"');
  });

  it('deploys exactly what renderFlowTemplate renders, so the module the sandbox runs is the module Connect runs', () => {
    const content = String(onlyResource(dev, 'aws_connect_contact_flow_module').content);
    const bucketHost = /https:\/\/(\$\{aws_s3_bucket\.[^}]+\.bucket_regional_domain_name\})\//.exec(content)?.[1];
    expect(content).toBe(
      renderFlowTemplate(readFlowTemplate('generativeAgentModule'), {
        placeholders: {
          ENGAGE_LAMBDA_ARN: aliasOf(dev, 'genagent-dev-engage'),
          PULL_ACTION_LAMBDA_ARN: aliasOf(dev, 'genagent-dev-pull-action'),
          PROCESSING_CUE_AUDIO_URI: `https://${bucketHost}/prompts/processing-cue.wav`,
        },
        outputVariables: exampleConfig('dev').outputVariables,
      }),
    );
  });

  it('uploads the processing cue to a private bucket only the instance may read', () => {
    expect(onlyResource(dev, 'aws_s3_object')).toMatchObject({ key: 'prompts/processing-cue.wav', content_type: 'audio/wav' });
    expect(onlyResource(dev, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_policy: true, restrict_public_buckets: true });
    const read = policyOf(onlyResource(dev, 'aws_s3_bucket_policy').policy).Statement[0];
    expect(read).toMatchObject({ Principal: { Service: 'connect.amazonaws.com' }, Action: ['s3:ListBucket', 's3:GetObject'] });
  });

  it('creates the module and the PSTN flow only after the Lambdas they call are associated and invokable, and the cue is in place', () => {
    const module = onlyResource(dev, 'aws_connect_contact_flow_module');
    expect([...(module.depends_on as string[])].sort()).toEqual(
      [
        ...connectAccessOf(dev, 'genagent-dev-engage'),
        ...connectAccessOf(dev, 'genagent-dev-pull-action'),
        ...addressesWhere(dev, 'aws_s3_object'),
        ...addressesWhere(dev, 'aws_s3_bucket_policy'),
      ].sort(),
    );
    expect(module.depends_on).toHaveLength(6);
    const pstn = onlyResource(dev, 'aws_connect_contact_flow', (flow) => flow.name === 'genagent-dev-pstn-transfer');
    expect([...(pstn.depends_on as string[])].sort()).toEqual(
      [...connectAccessOf(dev, 'genagent-dev-call-transfer'), ...connectAccessOf(dev, 'genagent-dev-call-context')].sort(),
    );
    expect(pstn.depends_on).toHaveLength(4);
  });

  it('imports the PSTN transfer flow and the sample inbound flow with the company marker', () => {
    const flows = resourcesOf(dev, 'aws_connect_contact_flow');
    expect(flows.map((flow) => flow.name).sort()).toEqual(['genagent-dev-pstn-transfer', 'genagent-dev-sample-inbound']);
    const pstn = String(flows.find((flow) => flow.name === 'genagent-dev-pstn-transfer')?.content);
    expect(pstn).toContain(aliasOf(dev, 'genagent-dev-call-transfer'));
    expect(pstn).toContain(aliasOf(dev, 'genagent-dev-call-context'));
    const sample = String(flows.find((flow) => flow.name === 'genagent-dev-sample-inbound')?.content);
    expect(sample).toContain('"ASAPP_CompanyMarker": "acme-dev"');
    expect(sample).toMatch(/\$\{aws_connect_contact_flow_module\.[^}]+\.arn\}/);
    for (const flow of flows) expect(String(flow.content)).not.toContain('{{');
  });

  it('creates the credentials secret empty (no version), and only its ARN reaches the functions', () => {
    expect(JSON.stringify(dev)).toHaveResourceWithProperties(SecretsmanagerSecret, { name_prefix: 'genagent-dev-asapp-api-credentials-' });
    expect(resourcesOf(dev, 'aws_secretsmanager_secret_version')).toEqual([]);
    for (const name of ['engage', 'call-transfer', 'call-context']) {
      expect(lambdaNamed(dev, `genagent-dev-${name}`).environment.variables.ASAPP_CREDENTIALS_SECRET_ARN).toBe(credentialsSecretArn(dev));
    }
  });

  it('alarms on errors, throttles and duration of each function and on each Valkey node, with a dashboard', () => {
    const alarms = resourcesOf(dev, 'aws_cloudwatch_metric_alarm');
    // 3 per function, 4 per Valkey node, 7 on the handlers' metrics (see call-metrics.test.ts).
    expect(alarms).toHaveLength(5 * 3 + 2 * 4 + 7);
    expect(alarms.find((alarm) => alarm.alarm_name === 'genagent-dev-pull-action-duration-p99')).toMatchObject({ threshold: 6400 });
    expect(alarms.find((alarm) => alarm.alarm_name === 'genagent-dev-engage-duration-p99')).toMatchObject({ threshold: 6400 });
    expect(alarms.every((alarm) => (alarm.alarm_actions as unknown[]).length === 0)).toBe(true);
    expect(onlyResource(dev, 'aws_cloudwatch_dashboard').dashboard_name).toBe('genagent-dev-generativeagent');
  });

  it('outputs what the customer hands to ASAPP', () => {
    expect(Object.keys(dev.output ?? {}).sort()).toEqual([
      'asapp_access_role_arn',
      'asapp_credentials_secret_arn',
      'flow_module_id',
      'kinesis_video_stream_prefix',
      'pstn_transfer_flow_id',
      'push_action_alias_arn',
      'sample_inbound_flow_id',
    ]);
    expect(resolveReference(dev, dev.output?.asapp_access_role_arn?.value)?.name).toBe('genagent-dev-asapp-access');
    expect(dev.output?.push_action_alias_arn?.value).toBe(aliasOf(dev, 'genagent-dev-push-action'));
    expect(dev.output?.flow_module_id?.value).toMatch(/^\$\{aws_connect_contact_flow_module\.[^}]+\.contact_flow_module_id\}$/);
    expect(dev.output?.kinesis_video_stream_prefix?.value).toBe('genagent-dev');
  });
});

describe('staging (S3 state, existing VPC, TLS + AUTH, media streaming only)', () => {
  it('stores state in S3 with a lock file', () => {
    expect(staging.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-terraform-state-222222222222',
        key: 'genagent-connect/staging.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it('uses the existing VPC and subnets instead of creating any', () => {
    expect(resourcesOf(staging, 'aws_vpc')).toEqual([]);
    expect(resourcesOf(staging, 'aws_subnet')).toEqual([]);
    expect(onlyResource(staging, 'aws_elasticache_subnet_group').subnet_ids).toEqual(['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002']);
    for (const group of resourcesOf(staging, 'aws_security_group')) expect(group.vpc_id).toBe('vpc-0a1b2c3d4e5f60718');
  });

  it('deploys only the media streaming functions', () => {
    expect(functionNames(staging)).toEqual(['genagent-staging-engage', 'genagent-staging-pull-action', 'genagent-staging-push-action']);
    expect(resourcesOf(staging, 'aws_connect_contact_flow')).toEqual([]);
    expect(staging.output?.pstn_transfer_flow_id).toBeUndefined();
  });

  it('encrypts Valkey in transit with an AUTH token the Valkey clients read from Secrets Manager through an endpoint', () => {
    const group = onlyResource(staging, 'aws_elasticache_replication_group');
    expect(group).toMatchObject({ transit_encryption_enabled: true, transit_encryption_mode: 'required' });
    expect(String(group.auth_token)).toMatch(/^\$\{aws_secretsmanager_secret_version\.[^}]+\.secret_string\}$/);
    for (const name of ['push-action', 'pull-action']) {
      const variables = lambdaNamed(staging, `genagent-staging-${name}`).environment.variables;
      expect(variables.VALKEY_TLS).toBe('true');
      expect(variables.VALKEY_AUTH_SECRET_ARN).toMatch(/^\$\{aws_secretsmanager_secret\.[^}]+\.arn\}$/);
    }
    expect(onlyResource(staging, 'aws_vpc_endpoint')).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
  });

  it('notifies the SNS topic from every alarm', () => {
    for (const alarm of resourcesOf(staging, 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.alarm_actions).toEqual(['arn:aws:sns:us-east-1:222222222222:contact-center-alerts']);
      expect(alarm.ok_actions).toEqual(['arn:aws:sns:us-east-1:222222222222:contact-center-alerts']);
    }
  });
});

describe('prod (Terraform Cloud, more replicas, provisioned concurrency, long-poll, CMK, existing secret)', () => {
  it('plans and applies in the Terraform Cloud workspace', () => {
    expect(prod.terraform.backend).toBeUndefined();
    expect(prod.terraform.cloud).toEqual({ organization: 'acme-contact-center', workspaces: { name: 'genagent-connect-prod' } });
  });

  it('runs two replicas on larger nodes', () => {
    expect(onlyResource(prod, 'aws_elasticache_replication_group')).toMatchObject({ node_type: 'cache.m7g.large', replicas_per_node_group: 2 });
    expect(resourcesOf(prod, 'aws_cloudwatch_metric_alarm').filter((alarm) => alarm.namespace === 'AWS/ElastiCache')).toHaveLength(3 * 4);
  });

  it('keeps warm capacity on the aliases the flows call', () => {
    const provisioned = Object.fromEntries(
      resourcesOf(prod, 'aws_lambda_provisioned_concurrency_config').map((config) => [
        String(config.function_name).split('.')[1]?.split('_')[1],
        config.provisioned_concurrent_executions,
      ]),
    );
    expect(provisioned).toEqual({ engage: 2, 'push-action': 2, 'pull-action': 5 });
  });

  it('passes its own call limits to PullAction only', () => {
    expect(lambdaNamed(prod, 'genagent-prod-pull-action').environment.variables).toMatchObject({
      MAX_IDLE_SECONDS: '90',
      MAX_CONVERSATION_SECONDS: '2700',
    });
    for (const name of ['engage', 'push-action']) {
      expect(Object.keys(lambdaNamed(prod, `genagent-prod-${name}`).environment.variables)).not.toContain('MAX_IDLE_SECONDS');
    }
  });

  it('long-polls for up to 5 s, with the PullAction duration alarm above an idle long-poll', () => {
    expect(lambdaNamed(prod, 'genagent-prod-pull-action').environment.variables.PULL_WAIT_MS).toBe('5000');
    const alarm = onlyResource(prod, 'aws_cloudwatch_metric_alarm', (candidate) => candidate.alarm_name === 'genagent-prod-pull-action-duration-p99');
    // Halfway between the 5 s wait and the flow's 8 s limit, above the 6.4 s that 80 % of the limit would give.
    expect(alarm.threshold).toBe(6500);
  });

  it('encrypts the media streams with the CMK and lets ASAPP decrypt with it', () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:333333333333:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
    expect(onlyResource(prod, 'aws_connect_instance_storage_config')).toMatchObject({
      storage_config: { kinesis_video_stream_config: { encryption_config: { encryption_type: 'KMS', key_id: kmsKeyArn } } },
    });
    expect(dataOf(prod, 'aws_kms_alias')).toEqual([]);
    const policy = onlyResource(prod, 'aws_iam_role_policy', (candidate) => candidate.name === 'asapp-generativeagent');
    expect(policyOf(policy.policy).Statement).toContainEqual(expect.objectContaining({ Action: 'kms:Decrypt', Resource: kmsKeyArn }));
  });

  it('uses the existing credentials secret instead of creating one', () => {
    const existing = 'arn:aws:secretsmanager:us-east-1:333333333333:secret:contact-center/asapp-api-credentials-AbCdEf';
    expect(resourcesOf(prod, 'aws_secretsmanager_secret').map((secret) => secret.name)).not.toContain('genagent-prod-asapp-api-credentials');
    expect(lambdaNamed(prod, 'genagent-prod-engage').environment.variables.ASAPP_CREDENTIALS_SECRET_ARN).toBe(existing);
    const engagePolicy = onlyResource(prod, 'aws_iam_role_policy', (candidate) => String(candidate.role).includes('_engage_role_'));
    expect(policyOf(engagePolicy.policy).Statement).toContainEqual(
      expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: [existing] }),
    );
    expect(prod.output?.asapp_credentials_secret_arn?.value).toBe(existing);
  });

  it('keeps logs for a year', () => {
    for (const group of resourcesOf(prod, 'aws_cloudwatch_log_group')) expect(group.retention_in_days).toBe(365);
  });
});
