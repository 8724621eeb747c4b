import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Construct } from 'constructs';
import { resourceName } from './naming';

export interface ValkeyCacheProps {
  /** Prefix of every resource name; `<prefix>-valkey` must fit the 40-character replication group id limit. */
  readonly namePrefix: string;
  /** The private isolated subnets (at least two, in different AZs), e.g. `Network.subnetIds`. */
  readonly subnetIds: readonly string[];
  /** Security groups of the cache, e.g. `[Network.valkeySecurityGroupId]`. */
  readonly securityGroupIds: readonly string[];
  /**
   * @default 'cache.t4g.micro' (ASAPP's suggestion for testing; size it for your call volume)
   */
  readonly nodeType?: string;
  /**
   * `<major>.<minor>`; the parameter group's family is `valkey<major>` (valkey7 for 7.2, valkey8
   * for 8.x).
   * @default '8.0'
   */
  readonly engineVersion?: string;
  /**
   * Read replicas of the single shard, 0 to 5. Multi-AZ needs at least one.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Multi-AZ with automatic failover to a replica.
   * @default true
   */
  readonly multiAz?: boolean;
  /**
   * @default 6379
   */
  readonly port?: number;
  /**
   * In-transit encryption (TLS required) with an AUTH token generated into a Secrets Manager
   * secret. Lambdas then need `VALKEY_TLS=true`, `VALKEY_AUTH_SECRET_ARN` = `authSecretArn`, read
   * access to that secret, and a Secrets Manager VPC endpoint (`NetworkProps.secretsManagerEndpoint`).
   * @default false (as in ASAPP's guide)
   */
  readonly transitEncryption?: boolean;
}

/**
 * ElastiCache for Valkey as ASAPP's guide sets it up: cluster mode disabled (one shard), Multi-AZ
 * with automatic failover, encryption at rest, no backups, in a subnet group over the private
 * subnets. The primary endpoint is what the Lambdas get as VALKEY_HOST / VALKEY_PORT.
 *
 * Its own parameter group sets `maxmemory-policy noeviction`: the default group's volatile-lru
 * evicts keys that have a TTL, and every action queue has one, so a full cache would silently drop
 * a live call's actions. With noeviction a full cache rejects writes (an OOM error) instead.
 */
export class ValkeyCache extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;
  readonly parameterGroup: ElasticacheParameterGroup;
  /** Literal replication group id (≤ 40 characters). */
  readonly replicationGroupId: string;
  /**
   * Ids of the member cache clusters (`<group id>-001`, `-002`, ...), the dimension of the node
   * CloudWatch metrics. Derived from the id so alarms can be declared at synth time.
   */
  readonly cacheClusterIds: string[];
  /** Primary endpoint host: VALKEY_HOST. */
  readonly host: string;
  /** VALKEY_PORT. */
  readonly port: number;
  readonly transitEncryption: boolean;
  /** Secret holding the AUTH token (its plain string); present with `transitEncryption`. */
  readonly authSecretArn?: string;

  constructor(scope: Construct, id: string, props: ValkeyCacheProps) {
    super(scope, id);
    const replicas = props.replicas ?? 1;
    const multiAz = props.multiAz ?? true;
    this.port = props.port ?? 6379;
    this.transitEncryption = props.transitEncryption ?? false;
    if (!Number.isInteger(replicas) || replicas < 0 || replicas > 5) {
      throw new Error(`ValkeyCache replicas ${replicas} must be an integer from 0 to 5.`);
    }
    if (multiAz && replicas < 1) {
      throw new Error('ValkeyCache replicas must be at least 1 when multiAz is on (failover needs a replica in another AZ); set replicas: 1 or multiAz: false.');
    }
    if (props.subnetIds.length < 2 && multiAz) {
      throw new Error(`ValkeyCache subnetIds has ${props.subnetIds.length} subnet(s); Multi-AZ needs subnets in at least two AZs.`);
    }

    this.replicationGroupId = resourceName(props.namePrefix, 'valkey', 'elasticacheReplicationGroup');
    this.cacheClusterIds = Array.from(
      { length: replicas + 1 },
      (_, index) => `${this.replicationGroupId}-${String(index + 1).padStart(3, '0')}`,
    );

    const subnetGroup = new ElasticacheSubnetGroup(this, 'subnet-group', {
      name: resourceName(props.namePrefix, 'valkey', 'elasticacheSubnetGroup'),
      description: 'Private isolated subnets of the GenerativeAgent Valkey cache',
      subnetIds: [...props.subnetIds],
    });

    const engineVersion = props.engineVersion ?? '8.0';
    const major = /^(\d+)\.\d+$/.exec(engineVersion)?.[1];
    if (major === undefined) {
      throw new Error(`ValkeyCache engineVersion "${engineVersion}" must be <major>.<minor>, e.g. "8.0".`);
    }
    const family = `valkey${major}`;
    this.parameterGroup = new ElasticacheParameterGroup(this, 'parameter-group', {
      // The family is part of the name: a major upgrade creates the new group before the old goes.
      name: resourceName(props.namePrefix, family, 'elasticacheParameterGroup'),
      family,
      description: 'GenerativeAgent action queues: never evict (queues have TTLs)',
      parameter: [{ name: 'maxmemory-policy', value: 'noeviction' }],
      lifecycle: { createBeforeDestroy: true },
    });

    const authToken = this.transitEncryption ? this.createAuthToken(props.namePrefix) : undefined;
    this.authSecretArn = authToken?.secretArn;

    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: this.replicationGroupId,
      description: 'GenerativeAgent per-call action queues',
      engine: 'valkey',
      engineVersion,
      parameterGroupName: this.parameterGroup.name,
      nodeType: props.nodeType ?? 'cache.t4g.micro',
      port: this.port,
      clusterMode: 'disabled',
      numNodeGroups: 1,
      replicasPerNodeGroup: replicas,
      multiAzEnabled: multiAz,
      automaticFailoverEnabled: multiAz,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [...props.securityGroupIds],
      // A string in the 6.x bindings, a bool in provider 5.x: Terraform converts "true" either way.
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: this.transitEncryption,
      ...(authToken ? { transitEncryptionMode: 'required', authToken: authToken.value } : {}),
      // Actions live at most 6 hours; backups would only copy stale queues.
      snapshotRetentionLimit: 0,
    });
    this.host = this.replicationGroup.primaryEndpointAddress;
  }

  /**
   * Generates the AUTH token into a new secret. State: the token is stored in plain text in the
   * Terraform state (the data source's result, the secret version and the replication group's
   * `auth_token`, which has no write-only variant), so keep state encrypted and access-controlled.
   * The data source draws a new password on every plan; `ignore_changes` keeps the first one, so
   * the token only changes when someone rotates it deliberately (taint the secret version).
   */
  private createAuthToken(namePrefix: string): { secretArn: string; value: string } {
    const generated = new DataAwsSecretsmanagerRandomPassword(this, 'auth-token-generator', {
      passwordLength: 64,
      // ElastiCache rejects "/", '"' and "@" in AUTH tokens; letters and digits are plenty at 64.
      excludePunctuation: true,
      includeSpace: false,
    });
    const secret = new SecretsmanagerSecret(this, 'auth-token', {
      // A unique suffix: deleted secrets keep their name for the recovery window.
      namePrefix: `${resourceName(namePrefix, 'valkey-auth-token', 'secretsManagerSecret')}-`,
      description: 'AUTH token of the GenerativeAgent Valkey cache (read by PushAction and PullAction)',
    });
    const version = new SecretsmanagerSecretVersion(this, 'auth-token-value', {
      secretId: secret.id,
      secretString: generated.randomPassword,
      lifecycle: { ignoreChanges: ['secret_string'] },
    });
    return { secretArn: secret.arn, value: version.secretString };
  }
}
