import type { LambdaName } from '@genagent-connect/lambdas/bundles';
import type { MetricDimensions } from '@genagent-connect/lambdas/metrics-catalog';
import type { EnvironmentConfig } from './config/environment-schema';

/** Valkey endpoint as the PushAction/PullAction Lambdas read it. */
export interface ValkeyEndpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** Secret holding the AUTH token; only with TLS. */
  readonly authSecretArn?: string;
}

type Variables = Record<string, string>;

/**
 * Every function: its log level and where its metrics go. The `environment` dimension is the environment's
 * namePrefix, unique per environment; `service` is POWERTOOLS_SERVICE_NAME, which IntegrationFunction sets to the
 * function's name (see metricDimensions).
 */
function common(config: EnvironmentConfig): Variables {
  return {
    POWERTOOLS_LOG_LEVEL: config.logLevel,
    POWERTOOLS_METRICS_NAMESPACE: config.metricsNamespace,
    GENAGENT_ENVIRONMENT: config.namePrefix,
  };
}

/** The dimensions the handlers' metrics carry in this environment (what the alarms must name). */
export function metricDimensions(config: EnvironmentConfig, name: LambdaName): MetricDimensions {
  return { service: name, environment: config.namePrefix, function: name };
}

/** Functions calling ASAPP's API (engage, call-transfer, call-context): the host and the credentials secret's ARN only. */
export function asappCallerEnvironment(config: EnvironmentConfig, credentialsSecretArn: string): Variables {
  return {
    ...common(config),
    ASAPP_API_HOST: config.asapp.apiHost,
    ASAPP_CREDENTIALS_SECRET_ARN: credentialsSecretArn,
  };
}

export function engageEnvironment(config: EnvironmentConfig, credentialsSecretArn: string): Variables {
  return {
    ...asappCallerEnvironment(config, credentialsSecretArn),
    ATTRIBUTES_TO_INPUT_VARIABLES: JSON.stringify(config.attributesToInputVariables),
  };
}

export function pushActionEnvironment(config: EnvironmentConfig, valkey: ValkeyEndpoint): Variables {
  // With replicas, push-action answers ok once one has the write (WAIT), so a failover does not lose it.
  return { ...common(config), ...valkeyVariables(valkey), VALKEY_REPLICAS: String(config.valkey.replicas) };
}

export function pullActionEnvironment(config: EnvironmentConfig, valkey: ValkeyEndpoint): Variables {
  return {
    ...common(config),
    ...valkeyVariables(valkey),
    SSML_CONVERSIONS: JSON.stringify(config.ssmlConversions),
    PULL_WAIT_MS: String(config.pullMode.mode === 'longPoll' ? config.pullMode.maxWaitMs : 0),
    MAX_IDLE_SECONDS: String(config.maxIdleSeconds),
    MAX_CONVERSATION_SECONDS: String(config.maxConversationSeconds),
    VALKEY_OUTAGE_GRACE_SECONDS: String(config.valkeyOutageGraceSeconds),
  };
}

function valkeyVariables(valkey: ValkeyEndpoint): Variables {
  return {
    VALKEY_HOST: valkey.host,
    VALKEY_PORT: String(valkey.port),
    VALKEY_TLS: String(valkey.tls),
    ...(valkey.authSecretArn ? { VALKEY_AUTH_SECRET_ARN: valkey.authSecretArn } : {}),
  };
}
