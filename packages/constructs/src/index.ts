export { type AsappAccessRoleProps, AsappAccessRole } from './asapp-access-role';
export { type ConnectInstance, parseConnectInstanceArn } from './connect-instance';
export { type FunctionVpcPlacement, type IntegrationFunctionProps, IntegrationFunction } from './integration-function';
export { type MediaStreamingProps, MediaStreaming } from './media-streaming';
export { type NameKind, nameRules, resourceName } from './naming';
export { type ExistingVpc, type NetworkProps, type NewVpc, Network } from './network';
export { type PromptAudioBucketProps, PromptAudioBucket } from './prompt-audio-bucket';
export { type ValkeyCacheProps, ValkeyCache } from './valkey-cache';
export { logRetentionDays } from './log-retention';
