export { BindingError, HANDLER_NAMES, type HandlerName, type LambdaBinding, LambdaBindings, parseLambdaBinding } from './bindings';
export type { CallNote, CallRecord, PushRecord } from './call-record';
export { defaultScenario } from './default-scenario';
export { checkExpectations } from './expectations';
export { describeEntry, formatTranscript } from './format-transcript';
export { createPlaybackClock, type PlaybackClock } from './playback-clock';
export { DEFAULT_TIME_SCALE, type RunCallOptions, runCall } from './run-call';
export {
  DEFAULT_COMPANY_MARKER,
  GENERATIVE_AGENT_MODULE,
  DEFAULT_LONG_POLL_WAIT_MS,
  loadScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioInput,
} from './scenario';
export { type SandboxServices, type SandboxServicesOptions, SetupError, startSandboxServices } from './services';
export {
  buildTranscript,
  type EntryKind,
  TRANSCRIPT_FORMAT,
  type Transcript,
  type TranscriptEntry,
  type TranscriptOptions,
  type UtteranceLatency,
} from './transcript';
