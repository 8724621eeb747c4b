import type { FlowRunResult } from '@genagent-connect/connect-flow';
import type { PushActionResponse } from '@genagent-connect/lambdas';
import type { HandlerName } from './bindings';

/** One PushAction invocation, as ASAPP made it. */
export interface PushRecord {
  /** Call time ASAPP invoked PushAction (speak latency counts from here). */
  readonly sentAtMs: number;
  /** Call time PushAction answered. */
  readonly landedAtMs: number;
  readonly event: Readonly<Record<string, unknown>>;
  readonly response: PushActionResponse;
}

/** Something outside the flow, stamped with call time: the caller talking, GenerativeAgent acting, a fault. */
export interface CallNote {
  readonly atMs: number;
  readonly kind: 'caller' | 'agent' | 'fault';
  readonly text: string;
}

/** Everything one simulated call produced, before it is turned into a transcript. */
export interface CallRecord {
  readonly scenario: string;
  readonly flowLabel: string;
  readonly mode: 'media' | 'pstn';
  readonly pullWaitMs: number;
  readonly timeScale: number;
  readonly contact: { readonly contactId: string; readonly customerNumber: string; readonly systemNumber: string };
  readonly result: FlowRunResult;
  readonly pushes: readonly PushRecord[];
  readonly notes: readonly CallNote[];
  /** The handler each invoked Lambda ARN was bound to. */
  readonly handlerOfArn: Readonly<Record<string, HandlerName>>;
  /** The S3 URI the module plays as processing cue. */
  readonly processingCueUri: string;
  /** Real time the call took to simulate. */
  readonly wallMs: number;
  /** The EMF lines the handlers printed during the call. */
  readonly emfLines: readonly string[];
}
