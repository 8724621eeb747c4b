import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { TerraformOutput } from 'cdktf';
import { type ValkeyCacheProps, ValkeyCache } from '../src';
import { onlyResource, resourcesOf, synth } from './synth';

const base: ValkeyCacheProps = {
  namePrefix: 'ga-dev',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-valkey'],
};

describe('ValkeyCache', () => {
  it('creates a cluster-mode-disabled, Multi-AZ, encrypted-at-rest Valkey group without backups', () => {
    const out = synth((scope) => new ValkeyCache(scope, 'valkey', base));
    expect(out).toHaveResourceWithProperties(ElasticacheSubnetGroup, {
      name: 'ga-dev-valkey',
      subnet_ids: ['subnet-a', 'subnet-b'],
    });
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replication_group_id: 'ga-dev-valkey',
      engine: 'valkey',
      engine_version: '8.0',
      node_type: 'cache.t4g.micro',
      port: 6379,
      cluster_mode: 'disabled',
      num_node_groups: 1,
      replicas_per_node_group: 1,
      multi_az_enabled: true,
      automatic_failover_enabled: true,
      at_rest_encryption_enabled: 'true',
      transit_encryption_enabled: false,
      snapshot_retention_limit: 0,
      security_group_ids: ['sg-valkey'],
    });
    const group = onlyResource(out, 'aws_elasticache_replication_group');
    expect(group.subnet_group_name).toMatch(/^\$\{aws_elasticache_subnet_group\.[\w-]+\.name\}$/);
    expect(group).not.toHaveProperty('auth_token');
    expect(resourcesOf(out, 'aws_secretsmanager_secret')).toHaveLength(0);
  });

  it('never evicts: its own parameter group of the engine\'s family sets maxmemory-policy noeviction', () => {
    const out = synth((scope) => new ValkeyCache(scope, 'valkey', base));
    const group = onlyResource(out, 'aws_elasticache_parameter_group');
    expect(group).toMatchObject({
      name: 'ga-dev-valkey8',
      family: 'valkey8',
      parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }],
      lifecycle: { create_before_destroy: true },
    });
    expect(onlyResource(out, 'aws_elasticache_replication_group').parameter_group_name).toMatch(
      /^\$\{aws_elasticache_parameter_group\.[\w-]+\.name\}$/,
    );
  });

  it.each([
    ['7.2', 'valkey7'],
    ['8.1', 'valkey8'],
  ])('engine %s uses parameter group family %s', (engineVersion, family) => {
    const out = synth((scope) => new ValkeyCache(scope, 'valkey', { ...base, engineVersion }));
    expect(onlyResource(out, 'aws_elasticache_parameter_group')).toMatchObject({ family, name: `ga-dev-${family}` });
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { engine_version: engineVersion });
  });

  it('exposes the primary endpoint, port and the member cluster ids used by alarms', () => {
    const out = synth((scope) => {
      const cache = new ValkeyCache(scope, 'valkey', { ...base, replicas: 2 });
      expect(cache.replicationGroupId).toBe('ga-dev-valkey');
      expect(cache.cacheClusterIds).toEqual(['ga-dev-valkey-001', 'ga-dev-valkey-002', 'ga-dev-valkey-003']);
      expect(cache.port).toBe(6379);
      expect(cache.authSecretArn).toBeUndefined();
      new TerraformOutput(scope, 'host', { value: cache.host });
    });
    expect(JSON.parse(out).output.host.value).toMatch(/^\$\{aws_elasticache_replication_group\.[\w-]+\.primary_endpoint_address\}$/);
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, { replicas_per_node_group: 2 });
  });

  it('with transit encryption, requires TLS and takes the AUTH token from a generated secret', () => {
    let authSecretArn: string | undefined;
    const out = synth((scope) => {
      authSecretArn = new ValkeyCache(scope, 'valkey', { ...base, transitEncryption: true }).authSecretArn;
      new TerraformOutput(scope, 'secret', { value: authSecretArn });
    });
    expect(out).toHaveDataSourceWithProperties(DataAwsSecretsmanagerRandomPassword, {
      password_length: 64,
      exclude_punctuation: true,
    });
    const version = onlyResource(out, 'aws_secretsmanager_secret_version');
    expect(version.secret_string).toMatch(/^\$\{data\.aws_secretsmanager_random_password\.[\w-]+\.random_password\}$/);
    expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string'] });
    expect(version.secret_id).toMatch(/^\$\{aws_secretsmanager_secret\.[\w-]+\.id\}$/);
    const secret = onlyResource(out, 'aws_secretsmanager_secret');
    expect(secret.name_prefix).toBe('ga-dev-valkey-auth-token-');
    const group = onlyResource(out, 'aws_elasticache_replication_group');
    expect(group).toMatchObject({ transit_encryption_enabled: true, transit_encryption_mode: 'required' });
    expect(group.auth_token).toMatch(/^\$\{aws_secretsmanager_secret_version\.[\w-]+\.secret_string\}$/);
    expect(JSON.parse(out).output.secret.value).toMatch(/^\$\{aws_secretsmanager_secret\.[\w-]+\.arn\}$/);
  });

  it('allows a single node without Multi-AZ', () => {
    const out = synth((scope) => new ValkeyCache(scope, 'valkey', { ...base, replicas: 0, multiAz: false }));
    expect(out).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      replicas_per_node_group: 0,
      multi_az_enabled: false,
      automatic_failover_enabled: false,
    });
  });

  it.each([
    [{ replicas: 0 }, /replicas must be at least 1 when multiAz is on/],
    [{ replicas: 6 }, /replicas 6 must be an integer from 0 to 5/],
    [{ subnetIds: ['subnet-a'] }, /Multi-AZ needs subnets in at least two AZs/],
    [{ namePrefix: 'genagent-connect-production-eu-west-1-x' }, /"genagent-connect-production-eu-west-1-x-valkey" for elasticacheReplicationGroup is 46 characters; AWS allows at most 40/],
    [{ namePrefix: 'GA-Dev' }, /may only contain lower-case letters/],
    [{ engineVersion: '8' }, /engineVersion "8" must be <major>.<minor>/],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new ValkeyCache(scope, 'valkey', { ...base, ...override }))).toThrow(message);
  });
});
