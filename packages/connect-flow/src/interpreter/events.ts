/**
 * What a run reports, in the order it happens. `at` is call time in milliseconds since the call started; events
 * with a duration (speech, audio, lambda, transfer) carry `at` = their start. Speech and audio are emitted when
 * they start playing; lambda and transfer events when they finish, since only then is their outcome known.
 */
export type FlowEvent =
  | ActionEnterEvent
  | SpeechEvent
  | AudioEvent
  | LambdaEvent
  | AttributesEvent
  | FlowAttributesEvent
  | MediaStreamingEvent
  | ModuleEnterEvent
  | ModuleReturnEvent
  | TransferEvent
  | QueueEvent
  | DisconnectEvent
  | ErrorEvent
  | WarningEvent
  | SettingEvent
  | InputEvent
  | PauseEvent
  | FlowTransferEvent;

interface TimedEvent {
  readonly at: number;
}

/** Emitted by the action named `identifier`. */
interface ActionEvent extends TimedEvent {
  readonly identifier: string;
}

/** Debug trace: the interpreter is about to run this action. */
export interface ActionEnterEvent extends ActionEvent {
  readonly type: 'actionEnter';
  readonly actionType: string;
}

/** Text-to-speech played to the caller. `text` is what is heard (SSML tags removed); `ssml` is the raw markup. */
export interface SpeechEvent extends ActionEvent {
  readonly type: 'speech';
  readonly text: string;
  readonly ssml?: string;
  readonly durationMs: number;
}

/** A prompt (by id or ARN) or an S3 media file played to the caller. */
export interface AudioEvent extends ActionEvent {
  readonly type: 'audio';
  readonly source: 'prompt' | 'media';
  readonly uri: string;
  readonly durationMs: number;
}

/** One synchronous Lambda invocation: exactly one of `response` (validated, now `$.External`) and `error`. */
export interface LambdaEvent extends ActionEvent {
  readonly type: 'lambda';
  readonly arn: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly durationMs: number;
  readonly response?: unknown;
  readonly error?: string;
}

/** Contact attributes set by UpdateContactAttributes (only the keys written). */
export interface AttributesEvent extends ActionEvent {
  readonly type: 'attributes';
  readonly changes: Readonly<Record<string, string>>;
}

/** Flow attributes set by UpdateFlowAttributes (only the keys written). */
export interface FlowAttributesEvent extends ActionEvent {
  readonly type: 'flowAttributes';
  readonly changes: Readonly<Record<string, string>>;
}

export interface MediaStreamingEvent extends ActionEvent {
  readonly type: 'mediaStreaming';
  readonly state: 'started' | 'stopped';
  readonly streamArn: string;
}

export interface ModuleEnterEvent extends ActionEvent {
  readonly type: 'moduleEnter';
  readonly moduleId: string;
}

/** The module ended: `success` when it reached EndFlowModuleExecution, `error` when it failed (with the reason). */
export interface ModuleReturnEvent extends ActionEvent {
  readonly type: 'moduleReturn';
  readonly moduleId: string;
  readonly outcome: 'success' | 'error';
  readonly error?: string;
}

/** A transfer to a phone number; `resumed` tells whether the flow continued after the third party hung up. */
export interface TransferEvent extends ActionEvent {
  readonly type: 'transfer';
  readonly phoneNumber: string;
  readonly outcome: PhoneTransferOutcome;
  readonly resumed: boolean;
  readonly durationMs: number;
}

export type PhoneTransferOutcome = 'completed' | 'callFailed' | 'timeout';

/** `setTarget`: UpdateContactTargetQueue chose a queue (ARN) or agent; `transfer`: the call left for that queue. */
export interface QueueEvent extends ActionEvent {
  readonly type: 'queue';
  readonly action: 'setTarget' | 'transfer';
  readonly target: string;
}

/** The call ended: hung up by the flow (DisconnectParticipant, or no next action) or by the caller. */
export interface DisconnectEvent extends TimedEvent {
  readonly type: 'disconnect';
  readonly by: 'flow' | 'caller';
  readonly identifier?: string;
}

/**
 * An action failed (`handled`: an error branch took it) or the run stopped on an error (`handled: false`).
 * `errorType` is the flow language's ErrorType for action failures (NoMatchingError, CallFailed, …).
 */
export interface ErrorEvent extends TimedEvent {
  readonly type: 'error';
  readonly message: string;
  readonly handled: boolean;
  readonly identifier?: string;
  readonly errorType?: string;
}

/** Something the sandbox approximated (an unknown prompt played as silence, say). */
export interface WarningEvent extends TimedEvent {
  readonly type: 'warning';
  readonly message: string;
  readonly identifier?: string;
}

/** A settings-only block (logging, recording, event hooks, routing, …) the sandbox passed through: what Connect would do. */
export interface SettingEvent extends ActionEvent {
  readonly type: 'setting';
  readonly actionType: string;
  readonly text: string;
}

/** What the caller gave a block asking for input, or `timeout` (silent caller). */
export interface InputEvent extends ActionEvent {
  readonly type: 'input';
  readonly kind: 'dtmf' | 'utterance' | 'intent' | 'timeout';
  /** The digits, the words, or the intent name (with slots in `slots`). */
  readonly value?: string;
  readonly slots?: Readonly<Record<string, string>>;
}

/**
 * The flow waits with nothing playing: for the caller's input (up to the block's time limit, or until the input's
 * moment) or in a Wait block. Emitted as the pause starts, like speech, so a clock can pass it quickly.
 */
export interface PauseEvent extends ActionEvent {
  readonly type: 'pause';
  readonly reason: 'input' | 'wait';
  readonly durationMs: number;
}

/** TransferToFlow: the contact leaves this flow for `flowId`; `found` tells whether the interpreter had that flow. */
export interface FlowTransferEvent extends ActionEvent {
  readonly type: 'flowTransfer';
  readonly flowId: string;
  readonly found: boolean;
}

/** An event before the interpreter stamps it with the call time. */
export type UntimedFlowEvent = WithoutTime<FlowEvent>;

// Distributes over the union, so each event type keeps its own fields.
type WithoutTime<Event> = Event extends unknown ? Omit<Event, 'at'> : never;
