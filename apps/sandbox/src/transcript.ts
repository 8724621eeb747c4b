import type { CallRecord } from './call-record';
import { condense } from './condense';
import { type CallMetrics, summariseMetrics } from './metrics-summary';
import { callEntries, functionName, responseOf } from './transcript-entries';

/** Identifies the JSON document `--json` prints; bumped when a field changes meaning. */
export const TRANSCRIPT_FORMAT = 'genagent-connect-sandbox-transcript/1';

export type EntryKind =
  | 'speech'
  | 'silence'
  | 'cue'
  | 'prompt'
  | 'poll'
  | 'waiting'
  | 'processing'
  | 'lambda'
  | 'push'
  | 'caller'
  | 'agent'
  | 'fault'
  | 'attributes'
  | 'mediaStreaming'
  | 'module'
  | 'transfer'
  | 'queue'
  | 'disconnect'
  | 'error'
  | 'warning'
  | 'setting'
  | 'input';

/**
 * One line of the transcript. Times are call time in ms since the call started; playback entries are stamped when
 * they start, Lambda entries (lambda, poll, processing) when the function answered.
 */
export interface TranscriptEntry {
  readonly atMs: number;
  readonly kind: EntryKind;
  /** What happened, in one readable line (the text output prints it; expectations match against it). */
  readonly text: string;
  readonly durationMs?: number;
  /** The flow action it came from. */
  readonly identifier?: string;
  /** `speech`: GenerativeAgent (text PullAction returned) or Flow (the flow's own prompt text). */
  readonly speaker?: 'GenerativeAgent' | 'Flow';
  /** GenerativeAgent `speech`: call-time ms from ASAPP invoking PushAction to the start of speech. */
  readonly latencyMs?: number;
  /** Kind-specific detail: a Lambda's response, the attributes written, the push event… */
  readonly data?: unknown;
}

export interface UtteranceLatency {
  readonly text: string;
  readonly pushedAtMs: number;
  readonly spokenAtMs: number;
  readonly latencyMs: number;
}

export interface LambdaSummary {
  readonly invocations: number;
  /** Invocations the flow saw fail (time limit, exception, invalid response). */
  readonly failures: number;
  readonly totalDurationMs: number;
  /** Count per `next` (pull-action) or `result` (the others). */
  readonly results: Readonly<Record<string, number>>;
}

export interface Transcript {
  readonly format: typeof TRANSCRIPT_FORMAT;
  readonly scenario: string;
  readonly flow: string;
  readonly mode: 'media' | 'pstn';
  readonly pull: { readonly mode: 'poll' | 'longPoll'; readonly waitMs: number };
  readonly timeScale: number;
  readonly contact: CallRecord['contact'];
  readonly entries: readonly TranscriptEntry[];
  readonly utterances: readonly UtteranceLatency[];
  /** By handler name (or ARN when unbound). */
  readonly lambdas: Readonly<Record<string, LambdaSummary>>;
  readonly pushes: { readonly sent: number; readonly rejected: number };
  readonly outcome: {
    /** Contact attribute ASAPP_Disposition at the end, or null. */
    readonly disposition: string | null;
    /** Contact attribute ASAPP_ErrorMessage at the end, or null. */
    readonly errorMessage: string | null;
    /** How the run ended (the interpreter's EndReason), with its error for `error` and `limitExceeded`. */
    readonly endReason: string;
    readonly error?: string;
    readonly callDurationMs: number;
    readonly wallDurationMs: number;
  };
  readonly attributes: Readonly<Record<string, string>>;
  /** Distinct warnings (e.g. unknown prompts played as silence). */
  readonly warnings: readonly string[];
  /** The handlers' metrics over the call, summed from their EMF lines: what the dashboard will show. */
  readonly metrics: CallMetrics;
}

export interface TranscriptOptions {
  /** Merge idle stretches (PullAction → none, then silence) into `waiting` lines. Default true. */
  readonly condense?: boolean;
}

export function buildTranscript(record: CallRecord, options: TranscriptOptions = {}): Transcript {
  const entries = callEntries(record).map((entry) => ({
    ...entry,
    atMs: Math.round(entry.atMs),
  }));
  const utterances = attachLatencies(entries, record);
  const { result } = record;
  return {
    format: TRANSCRIPT_FORMAT,
    scenario: record.scenario,
    flow: record.flowLabel,
    mode: record.mode,
    pull: { mode: record.pullWaitMs > 0 ? 'longPoll' : 'poll', waitMs: record.pullWaitMs },
    timeScale: record.timeScale,
    contact: record.contact,
    entries: options.condense === false ? entries : condense(entries),
    utterances,
    lambdas: summariseLambdas(record),
    pushes: { sent: record.pushes.length, rejected: record.pushes.filter((push) => !push.response.ok).length },
    outcome: {
      disposition: result.attributes.ASAPP_Disposition ?? null,
      errorMessage: result.attributes.ASAPP_ErrorMessage ?? null,
      endReason: result.endReason,
      ...(result.error === undefined ? {} : { error: result.error }),
      callDurationMs: Math.round(result.durationMs),
      wallDurationMs: Math.round(record.wallMs),
    },
    attributes: result.attributes,
    warnings: [
      ...new Set(result.events.flatMap((event) => (event.type === 'warning' ? [event.message] : []))),
    ],
    metrics: summariseMetrics(record.emfLines),
  };
}

/**
 * Pairs each GenerativeAgent utterance with the speak push it came from (the queue is FIFO, so in order) and
 * stamps the entry with the push → speech delay.
 */
function attachLatencies(entries: TranscriptEntry[], record: CallRecord): UtteranceLatency[] {
  const pending = record.pushes.filter((push) => push.response.ok && push.event.action === 'speak');
  const utterances: UtteranceLatency[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind !== 'speech' || entry.speaker !== 'GenerativeAgent') return;
    const push = pending.shift();
    if (push === undefined) return;
    const latencyMs = Math.round(entry.atMs - push.sentAtMs);
    entries[index] = { ...entry, latencyMs };
    utterances.push({ text: entry.text, pushedAtMs: Math.round(push.sentAtMs), spokenAtMs: entry.atMs, latencyMs });
  });
  return utterances;
}

function summariseLambdas(record: CallRecord): Record<string, LambdaSummary> {
  const summaries: Record<string, { invocations: number; failures: number; totalDurationMs: number; results: Record<string, number> }> = {};
  for (const event of record.result.events) {
    if (event.type !== 'lambda') continue;
    const name = functionName(record, event);
    const summary = summaries[name] ?? { invocations: 0, failures: 0, totalDurationMs: 0, results: {} };
    summaries[name] = summary;
    summary.invocations += 1;
    summary.totalDurationMs += Math.round(event.durationMs);
    if (event.error !== undefined) summary.failures += 1;
    const response = responseOf(event);
    const result = event.error !== undefined ? 'failed' : (response.next ?? response.result ?? 'answered');
    summary.results[result] = (summary.results[result] ?? 0) + 1;
  }
  return summaries;
}
