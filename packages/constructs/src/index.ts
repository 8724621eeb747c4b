export { type AsappAccessRoleProps, AsappAccessRole } from './asapp-access-role';
export { type AsappCredentialsSecretProps, type ExistingSecret, AsappCredentialsSecret } from './asapp-credentials-secret';
export { type ConnectInstance, parseConnectInstanceArn } from './connect-instance';
export { type ContactFlowProps, ContactFlow } from './contact-flow';
export { type ExistingMediaStreamingProps, ExistingMediaStreaming } from './existing-media-streaming';
export type { FlowContentProps } from './flow-content';
export { type FlowModuleProps, FlowModule } from './flow-module';
export { type FunctionVpcPlacement, type IntegrationFunctionProps, IntegrationFunction } from './integration-function';
export { logRetentionDays } from './log-retention';
export { type MediaStreamingProps, MediaStreaming, mediaStreamRetentionHours } from './media-streaming';
export type { CallAlarmThresholds, CallFunctionName, CallMetricsProps } from './call-metrics';
export { type MonitoredFunction, type MonitoringProps, type ValkeyAlarmThresholds, Monitoring } from './monitoring';
export { type NameKind, nameRules, resourceName } from './naming';
export {
  type ExistingSecretsManagerEndpoint,
  type ExistingVpc,
  type NetworkProps,
  type NewSecretsManagerEndpoint,
  type NewVpc,
  Network,
} from './network';
export { type PromptAudioBucketProps, PromptAudioBucket } from './prompt-audio-bucket';
export { type ValkeyCacheProps, ValkeyCache } from './valkey-cache';
export {
  CONTACT_ID_PLACEHOLDER,
  CONTACT_TRACE_QUERY,
  ERRORS_BY_KIND_QUERY,
  LogQueries,
  type LogQueriesProps,
} from './log-queries';
