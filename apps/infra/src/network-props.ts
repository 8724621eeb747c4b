import type { NetworkProps } from '@genagent-connect/constructs';
import type { EnvironmentConfig } from './config/environment-schema';

/** The environment's `network` as the Network construct takes it. */
export function networkProps(config: EnvironmentConfig): NetworkProps {
  const { network, namePrefix } = config;
  if ('create' in network) {
    return { namePrefix, vpc: { mode: 'create', cidrBlock: network.create.cidr }, ...endpoint(config, { create: true }) };
  }
  const { vpcId, privateSubnets, secretsManagerEndpoint } = network.existing;
  return {
    namePrefix,
    vpc: {
      mode: 'existing',
      vpcId,
      subnetIds: privateSubnets.map((subnet) => (typeof subnet === 'string' ? subnet : subnet.id)),
      availabilityZones: Object.fromEntries(
        privateSubnets.flatMap((subnet) => (typeof subnet === 'string' ? [] : [[subnet.id, subnet.availabilityZone]])),
      ),
    },
    ...endpoint(config, secretsManagerEndpoint),
  };
}

type EndpointChoice = Extract<EnvironmentConfig['network'], { existing: unknown }>['existing']['secretsManagerEndpoint'];

/** The isolated subnets reach the AUTH token's secret only through an endpoint, so TLS needs one. */
function endpoint(config: EnvironmentConfig, choice: EndpointChoice): Pick<NetworkProps, 'secretsManagerEndpoint'> {
  if (!config.valkey.transitEncryption) return {};
  return {
    secretsManagerEndpoint:
      'create' in choice
        ? { mode: 'create' }
        : { mode: 'existing', securityGroupId: choice.existing.securityGroupId, addIngressRules: choice.existing.addIngressRules },
  };
}
