import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { DataAwsSubnet } from '@cdktf/provider-aws/lib/data-aws-subnet';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { splitVpcCidr } from './cidr';
import { resourceName } from './naming';

/** Create a dedicated VPC with two private isolated subnets (no internet or NAT gateway). */
export interface NewVpc {
  readonly mode: 'create';
  /** VPC CIDR block, /16 to /27, e.g. `10.20.0.0/16`; it is split in two halves, one subnet per AZ. */
  readonly cidrBlock: string;
  /**
   * The two Availability Zones for the subnets.
   * @default the first two available zones of the region (data source `aws_availability_zones`)
   */
  readonly availabilityZones?: readonly [string, string];
}

/** Use an existing VPC whose private isolated subnets span at least two Availability Zones. */
export interface ExistingVpc {
  readonly mode: 'existing';
  /** The VPC holding the subnets. */
  readonly vpcId: string;
  /** At least two private isolated subnet ids, in different Availability Zones. */
  readonly subnetIds: readonly string[];
  /**
   * Availability Zone of each subnet id, where known. A created Secrets Manager endpoint takes one
   * subnet per zone; with every zone known it is picked at synth, otherwise at plan time from the
   * subnets' `aws_subnet` data sources.
   * @default {} (looked up)
   */
  readonly availabilityZones?: Readonly<Record<string, string>>;
}

/**
 * A new Secrets Manager interface endpoint with private DNS, one subnet per Availability Zone. Only
 * one endpoint per service in a VPC can have private DNS: use `existing` when the VPC has one.
 */
export interface NewSecretsManagerEndpoint {
  readonly mode: 'create';
}

/** The VPC's own Secrets Manager interface endpoint (with private DNS); nothing is created for it. */
export interface ExistingSecretsManagerEndpoint {
  readonly mode: 'existing';
  /** The endpoint's security group; the Lambda groups get egress 443 to it. */
  readonly securityGroupId: string;
  /**
   * Add ingress rules (443 from the PushAction and PullAction groups) to the endpoint's group.
   * They are separate rule resources the stack owns and removes on destroy. Turn this off when that
   * group's rules are managed elsewhere (inline rules in another stack would delete ours); the group
   * must then already accept 443 from the Lambda groups, e.g. from the VPC CIDR.
   * @default true
   */
  readonly addIngressRules?: boolean;
}

export interface NetworkProps {
  /** Prefix of every resource name, e.g. `genagent-dev`. */
  readonly namePrefix: string;
  /** Create a VPC (`mode: 'create'`) or use an existing one (`mode: 'existing'`). */
  readonly vpc: NewVpc | ExistingVpc;
  /**
   * Port Valkey listens on; the only port the security groups open.
   * @default 6379
   */
  readonly valkeyPort?: number;
  /**
   * How the PushAction/PullAction Lambdas reach Secrets Manager. The subnets have no route to the
   * internet, so they can only read the Valkey AUTH token through an interface endpoint: set this
   * with in-transit encryption + AUTH. `create` makes one (private DNS, its own security group
   * accepting HTTPS from the two Lambda groups only); `existing` uses the VPC's endpoint. Either way
   * the Lambda groups get egress 443 to the endpoint's group and nothing else. Private DNS needs the
   * VPC's DNS support and DNS hostnames on.
   * @default none (the Lambdas reach only Valkey)
   */
  readonly secretsManagerEndpoint?: NewSecretsManagerEndpoint | ExistingSecretsManagerEndpoint;
}

/** The Lambdas that talk to Valkey, each with its own security group (as in ASAPP's setup guide). */
const valkeyClients = ['push-action', 'pull-action'] as const;
type ValkeyClient = (typeof valkeyClients)[number];

const https = 443;

interface LabelledGroup {
  readonly label: string;
  /** A group of this stack, or an existing one by id. */
  readonly group: { readonly id: string };
}

/**
 * The network of the integration, per ASAPP's guide: everything in one VPC, private isolated
 * subnets in two AZs, and three security groups. Valkey accepts its port only from the PushAction
 * and PullAction groups and has no egress; those groups may only reach Valkey (and, with
 * `secretsManagerEndpoint`, the endpoint on 443). Engage and the PSTN Lambdas are not in the VPC.
 *
 * Rules are separate `aws_vpc_security_group_*_rule` resources; Terraform removes the default
 * allow-all egress rule AWS adds to new groups, so a group without egress rules has no egress.
 */
export class Network extends Construct {
  readonly vpcId: string;
  /** The two (or more) private isolated subnets, in different AZs. */
  readonly subnetIds: string[];
  readonly valkeySecurityGroupId: string;
  readonly pushActionSecurityGroupId: string;
  readonly pullActionSecurityGroupId: string;
  /** Present when `secretsManagerEndpoint` is `create`. */
  readonly secretsManagerEndpoint?: VpcEndpoint;
  readonly valkeyPort: number;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { namePrefix } = props;
    this.valkeyPort = props.valkeyPort ?? 6379;
    if (!Number.isInteger(this.valkeyPort) || this.valkeyPort < 1 || this.valkeyPort > 65535) {
      throw new Error(`Network valkeyPort ${this.valkeyPort} must be an integer port between 1 and 65535.`);
    }

    if (props.vpc.mode === 'create') {
      const created = this.createVpc(namePrefix, props.vpc);
      this.vpcId = created.vpcId;
      this.subnetIds = created.subnetIds;
    } else {
      const literalSubnets = props.vpc.subnetIds.filter((subnetId) => !Token.isUnresolved(subnetId));
      if (literalSubnets.length === props.vpc.subnetIds.length && literalSubnets.length < 2) {
        throw new Error(
          `Network vpc.subnetIds has ${literalSubnets.length} subnet(s); give at least two private isolated subnets in different Availability Zones.`,
        );
      }
      if (new Set(props.vpc.subnetIds).size !== props.vpc.subnetIds.length) {
        throw new Error('Network vpc.subnetIds lists a subnet twice; give distinct subnets in different Availability Zones.');
      }
      this.vpcId = props.vpc.vpcId;
      this.subnetIds = [...props.vpc.subnetIds];
    }

    const group = (component: string, description: string) =>
      new SecurityGroup(this, `${component}-sg`, {
        name: resourceName(namePrefix, component, 'securityGroup'),
        description,
        vpcId: this.vpcId,
        tags: { Name: resourceName(namePrefix, component, 'securityGroup') },
      });
    const valkey = group('valkey', 'Valkey: inbound only from the PushAction and PullAction Lambdas, no egress');
    const clients: Record<ValkeyClient, SecurityGroup> = {
      'push-action': group('push-action', 'PushAction Lambda: egress only to Valkey'),
      'pull-action': group('pull-action', 'PullAction Lambda: egress only to Valkey'),
    };
    this.valkeySecurityGroupId = valkey.id;
    this.pushActionSecurityGroupId = clients['push-action'].id;
    this.pullActionSecurityGroupId = clients['pull-action'].id;

    for (const client of valkeyClients) {
      this.allowTcp({ label: client, group: clients[client] }, { label: 'valkey', group: valkey }, this.valkeyPort);
    }

    const endpoint = props.secretsManagerEndpoint;
    if (endpoint) {
      const endpointGroup =
        endpoint.mode === 'create'
          ? group('secretsmanager-endpoint', 'Secrets Manager endpoint: HTTPS only from the Valkey client Lambdas')
          : { id: endpoint.securityGroupId };
      const withIngress = endpoint.mode === 'create' || (endpoint.addIngressRules ?? true);
      for (const client of valkeyClients) {
        this.allowTcp(
          { label: client, group: clients[client] },
          { label: 'secretsmanager-endpoint', group: endpointGroup },
          https,
          withIngress,
        );
      }
      if (endpoint.mode === 'create') {
        this.secretsManagerEndpoint = new VpcEndpoint(this, 'secretsmanager-endpoint', {
          vpcId: this.vpcId,
          serviceName: `com.amazonaws.${new DataAwsRegion(this, 'region').name}.secretsmanager`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: this.endpointSubnetIds(props.vpc),
          securityGroupIds: [endpointGroup.id],
          tags: { Name: resourceName(namePrefix, 'secretsmanager', 'nameTag') },
        });
      }
    }
  }

  /**
   * One subnet per Availability Zone: EC2 rejects an interface endpoint with two subnets in one zone
   * (DuplicateSubnetsInSameZone). Created subnets are one per zone already.
   */
  private endpointSubnetIds(vpc: NewVpc | ExistingVpc): string[] {
    if (vpc.mode === 'create') return this.subnetIds;
    const known = vpc.availabilityZones ?? {};
    if (this.subnetIds.every((subnetId) => known[subnetId] !== undefined)) {
      // The last subnet of each zone, as zipmap picks below.
      return [...new Map(this.subnetIds.map((subnetId) => [known[subnetId], subnetId])).values()];
    }
    const zones = this.subnetIds.map(
      (subnetId, index) => new DataAwsSubnet(this, `private-subnet-${index + 1}`, { id: subnetId }).availabilityZone,
    );
    // zipmap keeps the last subnet of each zone (Terraform docs): one per zone, decided at plan time.
    return Token.asList(Fn.values(Fn.zipmap(zones, this.subnetIds)));
  }

  /** Egress rule on `from` plus (with `withIngress`) the matching ingress rule on `to`, each referencing the other group. */
  private allowTcp(from: LabelledGroup, to: LabelledGroup, port: number, withIngress = true): void {
    const rule = { ipProtocol: 'tcp', fromPort: port, toPort: port };
    const id = `${from.label}-to-${to.label}`;
    new VpcSecurityGroupEgressRule(this, `${id}-egress`, {
      ...rule,
      securityGroupId: from.group.id,
      referencedSecurityGroupId: to.group.id,
      description: `TCP ${port} to ${to.label}`,
    });
    if (!withIngress) return;
    new VpcSecurityGroupIngressRule(this, `${id}-ingress`, {
      ...rule,
      securityGroupId: to.group.id,
      referencedSecurityGroupId: from.group.id,
      description: `TCP ${port} from ${from.label}`,
    });
  }

  private createVpc(namePrefix: string, config: NewVpc): { vpcId: string; subnetIds: string[] } {
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: config.cidrBlock,
      // Private DNS of interface endpoints needs both.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: resourceName(namePrefix, 'vpc', 'nameTag') },
    });
    const zones = config.availabilityZones ?? this.firstTwoAvailabilityZones();
    if (zones.length !== 2 || zones[0] === zones[1]) {
      throw new Error(`Network vpc.availabilityZones must name two different zones (got ${JSON.stringify(zones)}).`);
    }
    const subnetCidrs = splitVpcCidr(config.cidrBlock, zones.length, 'Network vpc.cidrBlock');
    // No internet gateway, NAT or routes: the subnets use the VPC's main route table, which only
    // has the local route, so they are isolated.
    const subnetIds = zones.map(
      (zone, index) =>
        new Subnet(this, `private-isolated-${index + 1}`, {
          vpcId: vpc.id,
          cidrBlock: subnetCidrs[index] ?? '',
          availabilityZone: zone,
          mapPublicIpOnLaunch: false,
          tags: { Name: resourceName(namePrefix, `private-isolated-${index + 1}`, 'nameTag') },
        }).id,
    );
    return { vpcId: vpc.id, subnetIds };
  }

  private firstTwoAvailabilityZones(): [string, string] {
    const available = new DataAwsAvailabilityZones(this, 'availability-zones', {
      state: 'available',
      // Opt-in (Local/Wavelength) zones lack ElastiCache and Lambda.
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    return [Fn.element(available.names, 0), Fn.element(available.names, 1)];
  }
}
