import type { Flow } from '../model';
import type { Clock } from './clock';
import type { ContactInit } from './contact';
import type { FlowEvent, PhoneTransferOutcome } from './events';
import type { ContactFlowEvent } from './lambda-event';

/**
 * Invokes the Lambda function `arn` with Connect's event and resolves with its response. `timeLimitMs` is the
 * flow's InvocationTimeLimitSeconds in call time; the interpreter enforces it, a handler may use it as its budget.
 * A rejection is a Lambda failure (the flow takes its error branch).
 */
export type LambdaInvoker = (
  arn: string,
  event: ContactFlowEvent,
  /** `identifier`: the InvokeLambdaFunction action calling, so answers can differ per block. */
  context: { timeLimitMs: number; identifier: string },
) => Promise<unknown>;

/**
 * What a LambdaInvoker resolves with when nothing handles that function: the flow then gets Connect's neutral
 * answer, `{}`, and the run a warning naming the ARN.
 */
export const NO_LAMBDA_HANDLER: unique symbol = Symbol('no Lambda handler');

/**
 * Places the third-party leg of a "Transfer to phone number" and resolves when it ends: `completed` (the far end
 * answered and later hung up, so the flow may resume), `callFailed`, or `timeout` (no answer in `timeoutSeconds`).
 */
export type PhoneTransfer = (phoneNumber: string, context: { timeoutSeconds: number }) => Promise<PhoneTransferOutcome>;

/**
 * Duration of a prompt (id or ARN) or an S3 media URI; undefined when unknown (it then plays as 1 s of silence);
 * `failure` when Connect could not play it (the file is missing or unreadable in S3, say): the action fails.
 */
export type AudioResolver = (promptIdOrUri: string) => { durationMs: number } | { failure: string } | undefined;

/**
 * One thing the caller does, in order: DTMF digits, a spoken utterance, or what a Lex bot made of it (an intent with
 * slots). `atMs`: not before this call time (default: as soon as the flow asks). A block that asks for input takes
 * the next one; when none comes within its time limit the caller was silent (the block's timeout branch).
 */
export interface CallerInput {
  readonly atMs?: number;
  readonly dtmf?: string;
  readonly utterance?: string;
  readonly intent?: { readonly name: string; readonly slots?: Readonly<Record<string, string>>; readonly confidence?: number };
}

/** A block that calls a service the sandbox does not run (Customer Profiles, Cases, queue metrics, callbacks, …). */
export interface ServiceRequest {
  readonly identifier: string;
  readonly actionType: string;
  /** The action's Parameters as written. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/**
 * How a service answered: `value` is what conditions compare (a metric, a percentage bucket, a status), `data` the
 * result the flow reads afterwards (`$.Customer`, `$.Case`, `$.Metrics`), `error` an ErrorType to fail with.
 */
export interface ServiceAnswer {
  readonly value?: string;
  readonly data?: Readonly<Record<string, unknown>>;
  readonly error?: string;
}

export interface RunFlowOptions {
  /** Flow modules InvokeFlowModule may call, keyed by module id or ARN (an ARN also matches its trailing id). */
  readonly modules?: Readonly<Record<string, Flow>>;
  /** Flows TransferToFlow may go to, keyed by name, id or ARN (an ARN also matches its trailing id). */
  readonly flows?: Readonly<Record<string, Flow>>;
  /** What the caller presses or says, in order; default nothing (a silent caller). */
  readonly callerInput?: readonly CallerInput[];
  /** Answers for service blocks; undefined (or no option) gives a neutral answer and a warning. */
  readonly answerService?: (request: ServiceRequest) => ServiceAnswer | undefined;
  /** The call's initial state; see ContactInit for defaults. */
  readonly contact?: ContactInit;
  /** Runs the flow's Lambda functions; without it every call answers `{}` (with a warning). */
  readonly invokeLambda?: LambdaInvoker;
  /** Places transfers to a phone number; without it nobody answers (CallFailed, with a warning). */
  readonly transferToPhoneNumber?: PhoneTransfer;
  /** Default: every prompt and media file is unknown. */
  readonly resolveAudio?: AudioResolver;
  /** Result of CheckHoursOfOperation for an hours-of-operation id (undefined: the queue's hours); default always open. */
  readonly isWithinHours?: (hoursOfOperationId: string | undefined) => boolean;
  /** False simulates an instance without live media streaming: starting a stream fails. Default true. */
  readonly liveMediaStreaming?: boolean;
  /** Default realClock(). */
  readonly clock?: Clock;
  /** TTS speaking time per character of spoken text, in ms (60 ≈ 170 words a minute); default 60. */
  readonly ttsMsPerCharacter?: number;
  /** The caller hangs up at this call time (ms since the call started); default never. */
  readonly hangUpAtMs?: number;
  /** Safety cap on actions run (modules included), against flows that loop without waiting; default 100 000. */
  readonly maxSteps?: number;
  /** Safety cap on call time, against flows that loop forever; default 3 600 000 (one hour). */
  readonly maxCallDurationMs?: number;
  /** Called with each event as it happens (the result also lists them all). */
  readonly onEvent?: (event: FlowEvent) => void;
}

export const DEFAULT_TTS_MS_PER_CHARACTER = 60;
export const DEFAULT_MAX_STEPS = 100_000;
export const DEFAULT_MAX_CALL_DURATION_MS = 3_600_000;
