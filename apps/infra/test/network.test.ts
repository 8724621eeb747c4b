import { configFrom, exampleConfig, onlyResource, resourcesOf, type SynthesizedStack, synthStack } from './synth';

const dev = exampleConfig('dev');
const base = {
  accountId: dev.accountId,
  region: dev.region,
  connectInstanceArn: dev.connectInstanceArn,
  asapp: { companyMarker: 'acme', assumingRoleArns: dev.asapp.assumingRoleArns },
};
const subnets = [
  { id: 'subnet-0a1b2c3d4e5f60001', availabilityZone: `${dev.region}a` },
  { id: 'subnet-0a1b2c3d4e5f60002', availabilityZone: `${dev.region}b` },
  { id: 'subnet-0a1b2c3d4e5f60003', availabilityZone: `${dev.region}a` },
];

const groupNamed = (stack: SynthesizedStack, name: string) => {
  const address = Object.entries(stack.resource.aws_security_group ?? {}).find(([, group]) => group.name === name)?.[0];
  return `\${aws_security_group.${address}.id}`;
};
const https = (stack: SynthesizedStack, type: string) => resourcesOf(stack, type).filter((rule) => rule.from_port === 443);

describe('the Secrets Manager endpoint of a TLS cache in an existing VPC', () => {
  it('is created with one subnet per Availability Zone (EC2 rejects two in one zone)', () => {
    const stack = synthStack(
      'new-endpoint',
      configFrom({
        ...base,
        namePrefix: 'ga-endpoint',
        network: { existing: { vpcId: 'vpc-0a1b2c3d', privateSubnets: subnets } },
        valkey: { transitEncryption: true },
      }),
    );
    expect(onlyResource(stack, 'aws_vpc_endpoint')).toMatchObject({
      private_dns_enabled: true,
      subnet_ids: ['subnet-0a1b2c3d4e5f60003', 'subnet-0a1b2c3d4e5f60002'],
    });
    // Valkey and the Lambdas still use every subnet.
    expect(onlyResource(stack, 'aws_elasticache_subnet_group').subnet_ids).toEqual(subnets.map((subnet) => subnet.id));
  });

  it("reuses the VPC's own endpoint: none created, 443 between the Lambda groups and its security group", () => {
    const stack = synthStack(
      'existing-endpoint',
      configFrom({
        ...base,
        namePrefix: 'ga-endpoint',
        network: {
          existing: {
            vpcId: 'vpc-0a1b2c3d',
            privateSubnets: subnets,
            secretsManagerEndpoint: { existing: { securityGroupId: 'sg-0a1b2c3d4e5f60718' } },
          },
        },
        valkey: { transitEncryption: true },
      }),
    );
    expect(resourcesOf(stack, 'aws_vpc_endpoint')).toEqual([]);
    const lambdaGroups = [groupNamed(stack, 'ga-endpoint-pull-action'), groupNamed(stack, 'ga-endpoint-push-action')].sort();
    const egress = https(stack, 'aws_vpc_security_group_egress_rule');
    expect(egress.map((rule) => rule.security_group_id).sort()).toEqual(lambdaGroups);
    expect(egress.map((rule) => rule.referenced_security_group_id)).toEqual(['sg-0a1b2c3d4e5f60718', 'sg-0a1b2c3d4e5f60718']);
    const ingress = https(stack, 'aws_vpc_security_group_ingress_rule');
    expect(ingress.map((rule) => rule.security_group_id)).toEqual(['sg-0a1b2c3d4e5f60718', 'sg-0a1b2c3d4e5f60718']);
    expect(ingress.map((rule) => rule.referenced_security_group_id).sort()).toEqual(lambdaGroups);
  });

  it('adds no rule to the existing endpoint group when addIngressRules is false', () => {
    const stack = synthStack(
      'existing-endpoint',
      configFrom({
        ...base,
        namePrefix: 'ga-endpoint',
        network: {
          existing: {
            vpcId: 'vpc-0a1b2c3d',
            privateSubnets: subnets,
            secretsManagerEndpoint: { existing: { securityGroupId: 'sg-0a1b2c3d4e5f60718', addIngressRules: false } },
          },
        },
        valkey: { transitEncryption: true },
      }),
    );
    expect(https(stack, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(https(stack, 'aws_vpc_security_group_egress_rule')).toHaveLength(2);
  });
});

describe('Valkey never evicts', () => {
  it('uses a parameter group with maxmemory-policy noeviction, of the engine version family', () => {
    const stack = synthStack('dev', dev);
    const group = onlyResource(stack, 'aws_elasticache_parameter_group');
    expect(group).toMatchObject({ name: 'genagent-dev-valkey8', family: 'valkey8', parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }] });
    const address = Object.keys(stack.resource.aws_elasticache_parameter_group ?? {})[0];
    expect(onlyResource(stack, 'aws_elasticache_replication_group').parameter_group_name).toBe(
      `\${aws_elasticache_parameter_group.${address}.name}`,
    );
  });
});

describe('PushAction and PullAction get VPC access without the managed policy', () => {
  const stack = synthStack('dev', dev);

  it('attaches no managed policy to any role', () => {
    expect(resourcesOf(stack, 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  it('lets only the VPC functions manage network interfaces, and every function write only its own log group', () => {
    const policies = resourcesOf(stack, 'aws_iam_role_policy');
    const roleOf = (name: string) => `\${aws_iam_role.${Object.entries(stack.resource.aws_iam_role ?? {}).find(([, role]) => role.name === name)?.[0]}.id}`;
    for (const name of ['engage', 'push-action', 'pull-action', 'call-transfer', 'call-context']) {
      const policy = policies.find((candidate) => candidate.role === roleOf(`genagent-dev-${name}`));
      const statements = JSON.parse(String(policy?.policy)).Statement as { Sid: string; Action: string | string[]; Resource: unknown }[];
      const eni = statements.filter((statement) => statement.Sid === 'ManageVpcNetworkInterfaces');
      expect(eni).toHaveLength(name === 'push-action' || name === 'pull-action' ? 1 : 0);
      const logs = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('logs:')));
      expect(logs).toEqual([
        expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[^}]+\.arn\}:\*$/) }),
      ]);
    }
  });
});
