import type { AsappAction } from '@genagent-connect/action-queue';
import { type SsmlConversion, toSpeech } from '../ssml';

/** How the flow should come back: poll (ASAPP's module: short silences between polls) or long-poll (straight back). */
export type PullMode = 'poll' | 'longPoll';

export type PullActionNext =
  | 'none'
  | 'speak'
  | 'processingStart'
  | 'processingEnd'
  | 'transferToAgent'
  | 'transferToSystem'
  | 'disengage'
  | 'error';

/**
 * The pull mode as the flow reads it. A long-poll consumes processingStart/processingEnd itself, so its answers carry
 * GenerativeAgent's processing state for the module to keep (`processing`); poll answers are exactly ASAPP's.
 */
export type PullModeState =
  | { readonly pullMode: 'poll' }
  | {
      readonly pullMode: 'longPoll';
      /** 1 while GenerativeAgent is processing: the module stores it and passes it to the next PullAction. */
      readonly processing: 0 | 1;
    };

/**
 * Present when the flow passes `lastSequence` (this project's module): the sequence number the flow has now received,
 * to store and pass back on its next call, which acknowledges it. Absent for ASAPP's module, whose answers stay its own.
 */
export type DeliveryState = { readonly sequence?: number };

/** The fields every answer of one invocation shares. */
export type AnswerState = PullModeState & DeliveryState;

/** pull-action → flow; field names as ASAPP's module reads them, plus `textType`, `pullMode`, `processing`, `sequence`. */
export type PullActionResponse = {
  readonly next: PullActionNext;
  /** What to say for `speak`; the error message for `error`. */
  readonly text?: string;
  readonly textType?: 'text' | 'ssml';
  /** 1 when the flow should play the processing cue on this poll. */
  readonly playBeepBop: 0 | 1;
  /** For transfers and disengage: transferToAgentParams' variables, overridden by transferToSystemParams'. */
  readonly outputVariables?: Readonly<Record<string, string>>;
} & AnswerState;

export function pullModeFor(pullWaitMs: number): PullMode {
  return pullWaitMs > 0 ? 'longPoll' : 'poll';
}

export function pullActionError(text: string, mode: AnswerState): PullActionResponse {
  return { next: 'error', text, playBeepBop: 0, ...mode };
}

/** The flow's instruction for one pulled action (or none). */
export function responseForAction(
  action: AsappAction | undefined,
  playBeepBop: 0 | 1,
  mode: AnswerState,
  ssmlConversions: readonly SsmlConversion[],
): PullActionResponse {
  if (!action) return { next: 'none', playBeepBop, ...mode };
  switch (action.action) {
    case 'speak': {
      const { text, textType } = toSpeech(action.speakParams.text, ssmlConversions);
      return { next: 'speak', text, textType, playBeepBop, ...mode };
    }
    case 'processingStart':
    case 'processingEnd':
      return { next: action.action, playBeepBop, ...mode };
    case 'transferToAgent':
    case 'transferToSystem':
    case 'disengage':
      return {
        next: action.action,
        outputVariables: {
          ...action.transferToAgentParams?.outputVariables,
          ...action.transferToSystemParams?.outputVariables,
        },
        playBeepBop,
        ...mode,
      };
  }
}
