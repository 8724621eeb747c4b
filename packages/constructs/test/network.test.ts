import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Network } from '../src';
import { dataSourcesOf, resourcesOf, synth } from './synth';

const newVpc = { mode: 'create', cidrBlock: '10.20.0.0/16' } as const;

function securityGroupIdRef(synthesized: string, name: string): string {
  const parsed = JSON.parse(synthesized);
  const groups = parsed.resource.aws_security_group as Record<string, { name: string }>;
  const entry = Object.entries(groups).find(([, group]) => group.name === name);
  if (!entry) throw new Error(`no security group named ${name}`);
  return `\${aws_security_group.${entry[0]}.id}`;
}

describe('Network', () => {
  it('creates a VPC with two private isolated subnets in two AZs and no internet path', () => {
    const out = synth((scope) => new Network(scope, 'network', { namePrefix: 'ga-dev', vpc: newVpc }));
    expect(out).toHaveResourceWithProperties(Vpc, { cidr_block: '10.20.0.0/16', enable_dns_support: true });
    const subnets = resourcesOf(out, 'aws_subnet');
    expect(subnets.map((s) => s.cidr_block)).toEqual(['10.20.0.0/17', '10.20.128.0/17']);
    expect(subnets.map((s) => s.availability_zone)).toEqual([
      expect.stringContaining('element(data.aws_availability_zones'),
      expect.stringContaining('element(data.aws_availability_zones'),
    ]);
    expect(subnets[0]?.availability_zone).not.toEqual(subnets[1]?.availability_zone);
    expect(out).toHaveResourceWithProperties(Subnet, { map_public_ip_on_launch: false });
    expect(out).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, { state: 'available' });
    for (const internetPath of ['aws_internet_gateway', 'aws_nat_gateway', 'aws_route', 'aws_eip']) {
      expect(resourcesOf(out, internetPath)).toHaveLength(0);
    }
  });

  it('uses given availability zones without a data source', () => {
    const out = synth(
      (scope) =>
        new Network(scope, 'network', {
          namePrefix: 'ga-dev',
          vpc: { ...newVpc, availabilityZones: ['eu-west-1a', 'eu-west-1b'] },
        }),
    );
    expect(resourcesOf(out, 'aws_subnet').map((s) => s.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(out).not.toHaveDataSource(DataAwsAvailabilityZones);
  });

  it('opens Valkey only to the PushAction and PullAction groups, and those only to Valkey', () => {
    const out = synth((scope) => new Network(scope, 'network', { namePrefix: 'ga-dev', vpc: newVpc }));
    expect(resourcesOf(out, 'aws_security_group').map((g) => g.name).sort()).toEqual([
      'ga-dev-pull-action',
      'ga-dev-push-action',
      'ga-dev-valkey',
    ]);
    const valkey = securityGroupIdRef(out, 'ga-dev-valkey');
    const push = securityGroupIdRef(out, 'ga-dev-push-action');
    const pull = securityGroupIdRef(out, 'ga-dev-pull-action');
    const ingress = resourcesOf(out, 'aws_vpc_security_group_ingress_rule');
    const egress = resourcesOf(out, 'aws_vpc_security_group_egress_rule');
    const tcp6379 = { ip_protocol: 'tcp', from_port: 6379, to_port: 6379 };
    expect(ingress).toHaveLength(2);
    expect(ingress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...tcp6379, security_group_id: valkey, referenced_security_group_id: push }),
        expect.objectContaining({ ...tcp6379, security_group_id: valkey, referenced_security_group_id: pull }),
      ]),
    );
    expect(egress).toHaveLength(2);
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ...tcp6379, security_group_id: push, referenced_security_group_id: valkey }),
        expect.objectContaining({ ...tcp6379, security_group_id: pull, referenced_security_group_id: valkey }),
      ]),
    );
    for (const rule of [...ingress, ...egress]) {
      expect(rule).not.toHaveProperty('cidr_ipv4');
      expect(rule).not.toHaveProperty('cidr_ipv6');
    }
    // No inline rules: Terraform then leaves a new group without the default allow-all egress.
    for (const group of resourcesOf(out, 'aws_security_group')) {
      expect(group).not.toHaveProperty('egress');
      expect(group).not.toHaveProperty('ingress');
    }
  });

  it('adds a private-DNS Secrets Manager endpoint reachable on 443 from the Lambda groups only', () => {
    const out = synth(
      (scope) => new Network(scope, 'network', { namePrefix: 'ga-dev', vpc: newVpc, secretsManagerEndpoint: { mode: 'create' } }),
    );
    expect(out).toHaveResourceWithProperties(VpcEndpoint, { vpc_endpoint_type: 'Interface', private_dns_enabled: true });
    expect(resourcesOf(out, 'aws_vpc_endpoint')[0]?.service_name).toMatch(
      /^com\.amazonaws\.\$\{data\.aws_region\.[\w-]+\.name\}\.secretsmanager$/,
    );
    const endpointGroup = securityGroupIdRef(out, 'ga-dev-secretsmanager-endpoint');
    const https = resourcesOf(out, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 443);
    expect(https.map((r) => r.security_group_id)).toEqual([endpointGroup, endpointGroup]);
    expect(https.map((r) => r.referenced_security_group_id).sort()).toEqual(
      [securityGroupIdRef(out, 'ga-dev-pull-action'), securityGroupIdRef(out, 'ga-dev-push-action')].sort(),
    );
    const httpsOut = resourcesOf(out, 'aws_vpc_security_group_egress_rule').filter((r) => r.from_port === 443);
    expect(httpsOut.map((r) => r.referenced_security_group_id)).toEqual([endpointGroup, endpointGroup]);
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: 'ga-dev-secretsmanager-endpoint' });
    expect(resourcesOf(out, 'aws_vpc_endpoint')[0]?.subnet_ids).toEqual([
      expect.stringMatching(/^\$\{aws_subnet\.[\w-]+\.id\}$/),
      expect.stringMatching(/^\$\{aws_subnet\.[\w-]+\.id\}$/),
    ]);
  });

  const existingVpc = {
    mode: 'existing',
    vpcId: 'vpc-0abc',
    subnetIds: ['subnet-a1', 'subnet-b1', 'subnet-a2'],
  } as const;

  it('gives a new endpoint in an existing VPC one subnet per Availability Zone, known at synth', () => {
    const out = synth(
      (scope) =>
        new Network(scope, 'network', {
          namePrefix: 'ga-dev',
          vpc: { ...existingVpc, availabilityZones: { 'subnet-a1': 'eu-west-1a', 'subnet-b1': 'eu-west-1b', 'subnet-a2': 'eu-west-1a' } },
          secretsManagerEndpoint: { mode: 'create' },
        }),
    );
    expect(resourcesOf(out, 'aws_vpc_endpoint')[0]?.subnet_ids).toEqual(['subnet-a2', 'subnet-b1']);
    expect(out).not.toHaveDataSource(DataAwsSubnet);
  });

  it('picks one subnet per zone at plan time when the zones are not given', () => {
    const out = synth(
      (scope) => new Network(scope, 'network', { namePrefix: 'ga-dev', vpc: existingVpc, secretsManagerEndpoint: { mode: 'create' } }),
    );
    const subnets = dataSourcesOf(out, 'aws_subnet');
    expect(subnets.map((subnet) => subnet.id)).toEqual(['subnet-a1', 'subnet-b1', 'subnet-a2']);
    expect(resourcesOf(out, 'aws_vpc_endpoint')[0]?.subnet_ids).toMatch(
      /^\$\{values\(zipmap\(\[data\.aws_subnet\.[\w-]+\.availability_zone, data\.aws_subnet\.[\w-]+\.availability_zone, data\.aws_subnet\.[\w-]+\.availability_zone\], \["subnet-a1", "subnet-b1", "subnet-a2"\]\)\)\}$/,
    );
  });

  it('uses an existing endpoint: no endpoint or group of ours, 443 from the Lambda groups to its group', () => {
    const out = synth(
      (scope) =>
        new Network(scope, 'network', {
          namePrefix: 'ga-dev',
          vpc: existingVpc,
          secretsManagerEndpoint: { mode: 'existing', securityGroupId: 'sg-0endpoint' },
        }),
    );
    expect(resourcesOf(out, 'aws_vpc_endpoint')).toHaveLength(0);
    expect(resourcesOf(out, 'aws_security_group').map((g) => g.name)).not.toContain('ga-dev-secretsmanager-endpoint');
    const lambdaGroups = [securityGroupIdRef(out, 'ga-dev-pull-action'), securityGroupIdRef(out, 'ga-dev-push-action')].sort();
    const httpsOut = resourcesOf(out, 'aws_vpc_security_group_egress_rule').filter((r) => r.from_port === 443);
    expect(httpsOut.map((r) => r.referenced_security_group_id)).toEqual(['sg-0endpoint', 'sg-0endpoint']);
    expect(httpsOut.map((r) => r.security_group_id).sort()).toEqual(lambdaGroups);
    const httpsIn = resourcesOf(out, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 443);
    expect(httpsIn.map((r) => r.security_group_id)).toEqual(['sg-0endpoint', 'sg-0endpoint']);
    expect(httpsIn.map((r) => r.referenced_security_group_id).sort()).toEqual(lambdaGroups);
  });

  it('leaves an existing endpoint group untouched when its rules are managed elsewhere', () => {
    const out = synth(
      (scope) =>
        new Network(scope, 'network', {
          namePrefix: 'ga-dev',
          vpc: existingVpc,
          secretsManagerEndpoint: { mode: 'existing', securityGroupId: 'sg-0endpoint', addIngressRules: false },
        }),
    );
    expect(resourcesOf(out, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 443)).toHaveLength(0);
    expect(resourcesOf(out, 'aws_vpc_security_group_egress_rule').filter((r) => r.from_port === 443)).toHaveLength(2);
  });

  it('uses an existing VPC and its subnets', () => {
    const out = synth(
      (scope) =>
        new Network(scope, 'network', {
          namePrefix: 'ga-dev',
          vpc: { mode: 'existing', vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-b'] },
        }),
    );
    expect(resourcesOf(out, 'aws_vpc')).toHaveLength(0);
    expect(resourcesOf(out, 'aws_subnet')).toHaveLength(0);
    expect(out).toHaveResourceWithProperties(SecurityGroup, { name: 'ga-dev-valkey', vpc_id: 'vpc-0abc' });
  });

  it.each([
    [{ mode: 'existing', vpcId: 'vpc-0abc', subnetIds: ['subnet-a'] }, /at least two private isolated subnets/],
    [{ mode: 'existing', vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-a'] }, /lists a subnet twice/],
    [{ mode: 'create', cidrBlock: '10.0.0.0/8' }, /vpc.cidrBlock "10.0.0.0\/8" must be between \/16 and \/27/],
    [{ mode: 'create', cidrBlock: '10.20.0.1/16' }, /host bits set; did you mean 10.20.0.0\/16/],
    [{ mode: 'create', cidrBlock: 'ten/16' }, /is not an IPv4 CIDR block/],
    [{ mode: 'create', cidrBlock: '10.0.0.0/16', availabilityZones: ['a', 'a'] }, /two different zones/],
  ] as const)('rejects %j', (vpc, message) => {
    expect(() => synth((scope) => new Network(scope, 'network', { namePrefix: 'ga-dev', vpc }))).toThrow(message);
  });
});
