export { type Clock, realClock, scaledClock, virtualClock } from './clock';
export type { ContactInit } from './contact';
export type * from './events';
export type { ContactFlowEvent } from './lambda-event';
export {
  type AudioResolver,
  DEFAULT_MAX_CALL_DURATION_MS,
  DEFAULT_MAX_STEPS,
  DEFAULT_TTS_MS_PER_CHARACTER,
  type CallerInput,
  type LambdaInvoker,
  NO_LAMBDA_HANDLER,
  type PhoneTransfer,
  type RunFlowOptions,
  type ServiceAnswer,
  type ServiceRequest,
} from './options';
export { type EndReason, type FlowRunResult, runFlow } from './run';
export { SUPPORTED_ACTION_TYPES } from './actions';
