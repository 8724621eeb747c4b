import type { LambdaName } from '../bundles';

// Imported by infra (alarms, dashboard), so nothing here may pull in handler code or third-party modules.

/** CloudWatch namespace when POWERTOOLS_METRICS_NAMESPACE is unset; infra sets it per project. */
export const DEFAULT_METRICS_NAMESPACE = 'GenAgentConnect';
/** The `environment` dimension when GENAGENT_ENVIRONMENT is unset (local runs). */
export const DEFAULT_METRICS_ENVIRONMENT = 'local';

/**
 * The one dimension set of every metric: `service` (Powertools' own, POWERTOOLS_SERVICE_NAME), `environment`
 * (GENAGENT_ENVIRONMENT) and `function` (the handler). Never a contact id or phone number: each distinct value is a
 * separate CloudWatch metric.
 */
export const METRIC_DIMENSION_NAMES = ['service', 'environment', 'function'] as const;
export type MetricDimensions = Readonly<Record<(typeof METRIC_DIMENSION_NAMES)[number], string>>;

/** How a call to ASAPP (engage, call-transfer, call-context) ended. `configuration`: refused before any request. */
export const ASAPP_OUTCOMES = ['success', 'asapp4xx', 'asapp5xx', 'timeout', 'network', 'invalidResponse', 'configuration'] as const;
export type AsappOutcome = (typeof ASAPP_OUTCOMES)[number];

export const ASAPP_OUTCOME_METRICS = {
  success: 'AsappSuccess',
  asapp4xx: 'AsappError4xx',
  asapp5xx: 'AsappError5xx',
  timeout: 'AsappTimeout',
  network: 'AsappNetworkError',
  invalidResponse: 'AsappInvalidResponse',
  configuration: 'ConfigurationError',
} as const satisfies Record<AsappOutcome, string>;

/** pull-action's answers, one metric per `next`. */
export const PULL_ANSWERS = [
  'none',
  'speak',
  'processingStart',
  'processingEnd',
  'transferToAgent',
  'transferToSystem',
  'disengage',
  'error',
] as const;
export type PullAnswer = (typeof PULL_ANSWERS)[number];

export const PULL_ANSWER_METRICS = {
  none: 'PullNone',
  speak: 'PullSpeak',
  processingStart: 'PullProcessingStart',
  processingEnd: 'PullProcessingEnd',
  transferToAgent: 'PullTransferToAgent',
  transferToSystem: 'PullTransferToSystem',
  disengage: 'PullDisengage',
  error: 'PullError',
} as const satisfies Record<PullAnswer, string>;

/**
 * How a call leaves GenerativeAgent, counted once per call by the answer that ends the module (pull-action) or, in
 * PSTN mode, by the output context call-context reads. The kinds do not overlap: `error` is every error ending but
 * the two limits.
 */
export const CONVERSATION_ENDS = ['disengage', 'transferToAgent', 'transferToSystem', 'error', 'idleLimit', 'lengthLimit'] as const;
export type ConversationEnd = (typeof CONVERSATION_ENDS)[number];

export const CONVERSATION_END_METRICS = {
  disengage: 'ConversationDisengage',
  transferToAgent: 'ConversationTransferToAgent',
  transferToSystem: 'ConversationTransferToSystem',
  error: 'ConversationError',
  idleLimit: 'ConversationIdleLimit',
  lengthLimit: 'ConversationLengthLimit',
} as const satisfies Record<ConversationEnd, string>;

/** What push-action did with a push: stored it, or why not. `unknownAction` is acknowledged `{ok: true}`, not stored. */
export const PUSH_OUTCOMES = ['accepted', 'malformed', 'unknownAction', 'valkeyFailure', 'outOfMemory', 'configuration'] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

export const PUSH_OUTCOME_METRICS = {
  accepted: 'PushAccepted',
  malformed: 'PushRefusedMalformed',
  unknownAction: 'PushUnknownAction',
  valkeyFailure: 'PushRefusedValkey',
  outOfMemory: 'PushRefusedOutOfMemory',
  configuration: 'ConfigurationError',
} as const satisfies Record<PushOutcome, string>;

/** A Valkey operation of the invocation failed (pull-action, push-action): at most one per invocation. */
export const VALKEY_FAILURE_METRIC = 'ValkeyFailure';
/**
 * A push stored on the primary that no replica acknowledged within the wait (still answered ok): a failover in the
 * next moments could lose it.
 */
export const REPLICA_ACK_TIMEOUT_METRIC = 'PushReplicaAckTimeout';
/** Push → pull of each action pull-action takes from the queue, in milliseconds: the speak-latency signal. */
export const QUEUE_WAIT_METRIC = 'QueueWait';

export type MetricUnitName = 'Count' | 'Milliseconds';

export interface MetricDefinition {
  readonly name: string;
  readonly unit: MetricUnitName;
}

const counts = (names: readonly string[]): MetricDefinition[] =>
  [...new Set(names)].map((name) => ({ name, unit: 'Count' as const }));

const asappCaller = counts(Object.values(ASAPP_OUTCOME_METRICS));

/** Every metric each function can emit, all with the dimensions METRIC_DIMENSION_NAMES. Alarms may use only these. */
export const FUNCTION_METRICS: Readonly<Record<LambdaName, readonly MetricDefinition[]>> = {
  engage: asappCaller,
  'call-transfer': asappCaller,
  'call-context': [
    ...asappCaller,
    ...counts([CONVERSATION_END_METRICS.transferToAgent, CONVERSATION_END_METRICS.transferToSystem]),
  ],
  'pull-action': [
    ...counts([
      ...Object.values(PULL_ANSWER_METRICS),
      ...Object.values(CONVERSATION_END_METRICS),
      VALKEY_FAILURE_METRIC,
      ASAPP_OUTCOME_METRICS.configuration,
    ]),
    { name: QUEUE_WAIT_METRIC, unit: 'Milliseconds' },
  ],
  'push-action': counts([...Object.values(PUSH_OUTCOME_METRICS), VALKEY_FAILURE_METRIC, REPLICA_ACK_TIMEOUT_METRIC]),
};

export type MetricName =
  | (typeof ASAPP_OUTCOME_METRICS)[AsappOutcome]
  | (typeof PULL_ANSWER_METRICS)[PullAnswer]
  | (typeof CONVERSATION_END_METRICS)[ConversationEnd]
  | (typeof PUSH_OUTCOME_METRICS)[PushOutcome]
  | typeof VALKEY_FAILURE_METRIC
  | typeof REPLICA_ACK_TIMEOUT_METRIC;
