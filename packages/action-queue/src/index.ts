export {
  ActionQueue,
  type ActionQueueOptions,
  type PullOptions,
  type PushOptions,
  type PushResult,
  type QueuedAction,
  type SequencedAction,
} from './action-queue';
export {
  ASAPP_ACTION_NAMES,
  type AsappAction,
  type AsappActionName,
  type AsappActionParseResult,
  parseAsappAction,
  parsePushEvent,
  type PushEventParseResult,
} from './action-schema';
export type { CallActivity } from './call-activity';
export { InvalidActionError, InvalidStoredActionError, ValkeyOutOfMemoryError, ValkeyUnavailableError } from './errors';
export {
  QUEUE_TTL_SECONDS,
  actionsKey,
  beepBopCounterKey,
  conversationStartKey,
  idleSinceKey,
  inFlightKey,
  sequenceKey,
} from './keys';
export { type LazyValkeyClientConfig, lazyValkeyClient } from './lazy-valkey-client';
export { createValkeyClient, type ValkeyClient, type ValkeyClientConfig } from './valkey-client';
export { storedEntry } from './scripts';
