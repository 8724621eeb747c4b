import type { FlowEvent, LambdaEvent } from '@genagent-connect/connect-flow';
import type { CallRecord } from './call-record';

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
  | 'warning';

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
}

export interface TranscriptOptions {
  /** Merge idle stretches (PullAction → none, then silence) into `waiting` lines. Default true. */
  readonly condense?: boolean;
}

interface PullResponse {
  readonly next?: string;
  readonly text?: string;
  readonly outputVariables?: Readonly<Record<string, string>>;
  readonly result?: string;
  readonly errorMessage?: string;
  readonly error?: string;
  readonly asappStatusCode?: number;
  readonly transferNumber?: string;
  readonly transferType?: string;
  readonly currentTaskName?: string;
}

export function buildTranscript(record: CallRecord, options: TranscriptOptions = {}): Transcript {
  const entries = sortByTime([...flowEntries(record), ...driverEntries(record)]).map((entry) => ({
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
  };
}

function functionName(record: CallRecord, event: LambdaEvent): string {
  return record.handlerOfArn[event.arn] ?? event.arn;
}

function flowEntries(record: CallRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  // TTS right after PullAction answered `speak` is GenerativeAgent talking; any other TTS is the flow's own.
  let agentTurn = false;
  for (const event of record.result.events) {
    const entry = flowEntry(record, event, agentTurn);
    if (event.type === 'lambda') agentTurn = entry?.kind === 'poll' && responseOf(event).next === 'speak';
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

function responseOf(event: LambdaEvent): PullResponse {
  return (event.response ?? {}) as PullResponse;
}

function flowEntry(record: CallRecord, event: FlowEvent, agentTurn: boolean): TranscriptEntry | undefined {
  const at = { atMs: event.at };
  switch (event.type) {
    case 'speech': {
      const common = { ...at, durationMs: event.durationMs, identifier: event.identifier };
      if (event.text.trim() === '') return { ...common, kind: 'silence', text: `silence ${formatSeconds(event.durationMs)}` };
      const speaker = agentTurn ? 'GenerativeAgent' : 'Flow';
      return { ...common, kind: 'speech', speaker, text: `"${event.text}"`, ...(event.ssml ? { data: { ssml: event.ssml } } : {}) };
    }
    case 'audio': {
      const common = { ...at, durationMs: event.durationMs, identifier: event.identifier };
      return event.uri === record.processingCueUri
        ? { ...common, kind: 'cue', text: `processing cue ${formatSeconds(event.durationMs)}` }
        : { ...common, kind: 'prompt', text: `${event.source} ${event.uri} ${formatSeconds(event.durationMs)}` };
    }
    case 'lambda':
      return lambdaEntry(functionName(record, event), event);
    case 'attributes':
      return { ...at, kind: 'attributes', identifier: event.identifier, text: formatMap(event.changes), data: event.changes };
    case 'mediaStreaming':
      return { ...at, kind: 'mediaStreaming', identifier: event.identifier, text: `customer audio streaming ${event.state}` };
    case 'moduleEnter':
      return { ...at, kind: 'module', identifier: event.identifier, text: `enter module ${shortId(event.moduleId)}` };
    case 'moduleReturn':
      return {
        ...at,
        kind: 'module',
        identifier: event.identifier,
        text: `module returned: ${event.outcome}${event.error ? ` (${event.error})` : ''}`,
      };
    case 'transfer':
      return {
        ...at,
        kind: 'transfer',
        identifier: event.identifier,
        durationMs: event.durationMs,
        text: `transfer to ${event.phoneNumber}: ${event.outcome} after ${formatSeconds(event.durationMs)}${event.resumed ? ', flow resumes' : ''}`,
      };
    case 'queue':
      return { ...at, kind: 'queue', identifier: event.identifier, text: `${event.action === 'setTarget' ? 'working queue' : 'transfer to queue'} ${event.target}` };
    case 'disconnect':
      return { ...at, kind: 'disconnect', text: `call ends (hung up by the ${event.by})` };
    case 'error':
      return {
        ...at,
        kind: 'error',
        ...(event.identifier === undefined ? {} : { identifier: event.identifier }),
        text: `${event.handled ? 'error branch' : 'flow stopped'}: ${event.message}`,
      };
    case 'warning':
      return { ...at, kind: 'warning', ...(event.identifier === undefined ? {} : { identifier: event.identifier }), text: event.message };
    case 'actionEnter':
    case 'flowAttributes':
      return undefined;
  }
}

// Stamped when the function answered: that is when the flow learns the result, which keeps causes before effects.
function lambdaEntry(name: string, event: LambdaEvent): TranscriptEntry {
  const common = {
    atMs: event.at + event.durationMs,
    identifier: event.identifier,
    durationMs: Math.round(event.durationMs),
  };
  if (event.error !== undefined) return { ...common, kind: 'lambda', text: `${name} failed: ${event.error}` };
  const response = responseOf(event);
  if (name === 'pull-action' && response.next !== undefined) {
    if (response.next === 'processingStart' || response.next === 'processingEnd') {
      const text = response.next === 'processingStart' ? 'GenerativeAgent is processing' : 'GenerativeAgent finished processing';
      return { ...common, kind: 'processing', text };
    }
    if (response.next === 'none' || response.next === 'speak') {
      return { ...common, kind: 'poll', text: `pull-action → ${response.next}`, data: event.response };
    }
  }
  return { ...common, kind: 'lambda', text: `${name} → ${describeResponse(response)}`, data: event.response };
}

function describeResponse(response: PullResponse): string {
  const outcome = response.next ?? response.result ?? 'answered';
  const details = [
    response.asappStatusCode ? `HTTP ${response.asappStatusCode}` : '',
    response.transferNumber ? `number ${response.transferNumber}` : '',
    response.transferType ? `transferType ${response.transferType}, task ${response.currentTaskName ?? ''}` : '',
    response.outputVariables && Object.keys(response.outputVariables).length > 0
      ? `outputVariables ${formatMap(response.outputVariables)}`
      : '',
    response.next === 'error' ? (response.text ?? '') : '',
    response.errorMessage || response.error || '',
  ].filter((detail) => detail !== '');
  return details.length === 0 ? outcome : `${outcome} (${details.join('; ')})`;
}

function driverEntries(record: CallRecord): TranscriptEntry[] {
  const pushes = record.pushes.map((push): TranscriptEntry => {
    const { action, speakParams } = push.event as { action?: unknown; speakParams?: { text?: unknown } };
    const spoken = typeof speakParams?.text === 'string' ? ` "${speakParams.text}"` : '';
    const verdict = push.response.ok ? 'ok' : `rejected: ${push.response.errorMessage}`;
    return {
      atMs: push.sentAtMs,
      kind: 'push',
      text: `PushAction ${typeof action === 'string' ? action : '(no action)'}${spoken} → ${verdict}`,
      data: { event: push.event, response: push.response, answeredAtMs: Math.round(push.landedAtMs) },
    };
  });
  const notes = record.notes.map((note): TranscriptEntry => ({ atMs: note.atMs, kind: note.kind, text: note.text }));
  return [...pushes, ...notes];
}

function sortByTime(entries: TranscriptEntry[]): TranscriptEntry[] {
  return entries.map((entry, order) => ({ entry, order })).sort((a, b) => a.entry.atMs - b.entry.atMs || a.order - b.order).map(({ entry }) => entry);
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

/**
 * Runs of idle polling (PullAction → none, then a silence, the processing cue or a filler prompt) become one
 * `waiting` line that still counts the cues; repeated warnings (an unknown prompt each loop) are listed once.
 */
function condense(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  const condensed: TranscriptEntry[] = [];
  const seenWarnings = new Set<string>();
  let run: TranscriptEntry[] = [];
  const flush = () => {
    if (run.length > 0) condensed.push(waitingEntry(run));
    run = [];
  };
  for (const entry of entries) {
    if (entry.kind === 'warning') {
      if (seenWarnings.has(entry.text)) continue;
      seenWarnings.add(entry.text);
    }
    if (isPollAnswered(entry, 'speak')) continue;
    const idle = isPollAnswered(entry, 'none') || (run.length > 0 && FILLER_KINDS.has(entry.kind));
    if (idle) {
      run.push(entry);
      continue;
    }
    flush();
    condensed.push(entry);
  }
  flush();
  return condensed;
}

const FILLER_KINDS: ReadonlySet<EntryKind> = new Set(['silence', 'cue', 'prompt']);

function isPollAnswered(entry: TranscriptEntry, next: string): boolean {
  return entry.kind === 'poll' && (entry.data as PullResponse | undefined)?.next === next;
}

function waitingEntry(run: readonly TranscriptEntry[]): TranscriptEntry {
  const first = run[0] as TranscriptEntry;
  const last = run.at(-1) as TranscriptEntry;
  const durationMs = last.atMs + (last.durationMs ?? 0) - first.atMs;
  const polls = run.filter((entry) => entry.kind === 'poll').length;
  const cues = run.filter((entry) => entry.kind === 'cue').length;
  const silencesByLength = new Map<number, number>();
  for (const entry of run) {
    if (entry.kind === 'silence' || entry.kind === 'prompt') {
      const length = entry.durationMs ?? 0;
      silencesByLength.set(length, (silencesByLength.get(length) ?? 0) + 1);
    }
  }
  const parts = [
    `${polls} poll${polls === 1 ? '' : 's'} → none`,
    ...[...silencesByLength].map(([length, count]) => `${count} × ${formatSeconds(length)} silence`),
    ...(cues === 0 ? [] : [`${cues} processing cue${cues === 1 ? '' : 's'}`]),
  ];
  return {
    atMs: first.atMs,
    kind: 'waiting',
    durationMs,
    text: `${formatSeconds(durationMs)}: ${parts.join(', ')}`,
    data: { polls, cues, silences: Object.fromEntries(silencesByLength) },
  };
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

export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatMap(map: Readonly<Record<string, string>>): string {
  return Object.entries(map)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function shortId(moduleId: string): string {
  return moduleId.slice(moduleId.lastIndexOf('/') + 1);
}
