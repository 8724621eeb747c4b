export type { AsappConfig, AsappCredentialsConfig } from './config/asapp-config';
export { parseAsappConfig } from './config/asapp-config';
export { ConfigError } from './config/config-error';
export { type EngageConfig, parseEngageConfig } from './config/engage-config';
export type { Environment } from './config/environment';
export type { EnvironmentOptions } from './environment-options';
export {
  DEFAULT_MAX_CONVERSATION_SECONDS,
  DEFAULT_MAX_IDLE_SECONDS,
  DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS,
  MAX_CALL_LIMIT_SECONDS,
  MAX_PULL_WAIT_MS,
  MAX_VALKEY_OUTAGE_GRACE_SECONDS,
  type PullActionConfig,
  parsePullActionConfig,
} from './config/pull-action-config';
export { parseValkeyConfig, type ValkeyAuthSource, type ValkeyConfig } from './config/valkey-config';
export { createAsappClientFromConfig } from './asapp';
export { type ContainerActionQueue, createActionQueueFromConfig } from './valkey';
export type { SecretReader } from './secrets';
export type { LambdaHandler } from './lambda-handler';
export { createLambdaLogger, maskPhoneNumber } from './logging';
export * from './metrics/catalog';
export { createHandlerMetrics, type HandlerMetrics, type HandlerMetricsOptions } from './metrics/handler-metrics';
export {
  escapeXml,
  markupProblem,
  parseSsmlConversion,
  type SpeechText,
  type SsmlConversion,
  type SsmlConversionParseResult,
  type SsmlConversionRule,
  toSpeech,
} from './ssml';
export { type LambdaBundle, type LambdaName, LAMBDA_NAMES, lambdaBundles } from './bundles';
// Each *FromEnvironment wires its handler exactly as Lambda does; the handler files import only their own, so each
// bundle carries only its function's code.
export { callContextHandlerFromEnvironment } from './call-context/call-context-from-environment';
export { callTransferHandlerFromEnvironment } from './call-transfer/call-transfer-from-environment';
export { engageHandlerFromEnvironment } from './engage/engage-from-environment';
export { pullActionHandlerFromEnvironment } from './pull-action/pull-action-from-environment';
export { pushActionHandlerFromEnvironment } from './push-action/push-action-from-environment';
export { createEngageHandler, type EngageHandlerDependencies } from './engage/engage-handler';
export type { EngageResponse } from './engage/engage-response';
export {
  createPullActionHandler,
  type PullActionHandlerDependencies,
} from './pull-action/pull-action-handler';
export type { PullActionNext, PullActionResponse, PullMode, PullModeState } from './pull-action/pull-action-response';
export { CUE_INTERVAL_MS } from './pull-action/long-poll';
export {
  createPushActionHandler,
  type PushActionHandlerDependencies,
  type PushActionResponse,
} from './push-action/push-action-handler';
export {
  type CallTransferHandlerDependencies,
  type CallTransferResponse,
  createCallTransferHandler,
} from './call-transfer/call-transfer-handler';
export {
  type CallContextHandlerDependencies,
  type CallContextResponse,
  createCallContextHandler,
} from './call-context/call-context-handler';
