import type { FlowEvent, InputEvent, LambdaEvent } from '@genagent-connect/connect-flow';
import type { CallRecord } from './call-record';
import { formatSeconds } from './format-duration';
import type { TranscriptEntry } from './transcript';

/** The fields of our handlers' responses a transcript reads (each handler sets some of them). */
export interface HandlerResponseFields {
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
  readonly pullMode?: string;
  readonly processing?: number;
}

/** Every flow event and everything GenerativeAgent, the caller or a fault did, as entries in call-time order. */
export function callEntries(record: CallRecord): TranscriptEntry[] {
  return sortByTime([...flowEntries(record), ...driverEntries(record)]);
}

export function functionName(record: CallRecord, event: LambdaEvent): string {
  return record.handlerOfArn[event.arn] ?? event.arn;
}

function flowEntries(record: CallRecord): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  // TTS right after PullAction answered `speak` is GenerativeAgent talking; any other TTS is the flow's own.
  let agentTurn = false;
  for (const event of record.result.events) {
    const entry = flowEntry(record, event, agentTurn);
    if (event.type === 'lambda') {
      agentTurn = entry?.kind === 'poll' && responseOf(event).next === 'speak';
      const change = longPollProcessingChange(record, event);
      if (change !== undefined) entries.push(change);
    }
    if (entry !== undefined) entries.push(entry);
  }
  return entries;
}

/**
 * A long-poll consumes processingStart/processingEnd inside PullAction and answers the processing state they leave;
 * the module learns of a change when that answer differs from the state it passed in.
 */
function longPollProcessingChange(record: CallRecord, event: LambdaEvent): TranscriptEntry | undefined {
  const response = responseOf(event);
  if (functionName(record, event) !== 'pull-action' || response.pullMode !== 'longPoll' || response.processing === undefined) {
    return undefined;
  }
  const processing = response.processing === 1;
  if (processing === (event.parameters.processing === '1')) return undefined;
  return {
    atMs: event.at + event.durationMs,
    kind: 'processing',
    identifier: event.identifier,
    text: processingText(processing),
  };
}

function processingText(processing: boolean): string {
  return processing ? 'GenerativeAgent is processing' : 'GenerativeAgent finished processing';
}

export function responseOf(event: LambdaEvent): HandlerResponseFields {
  return (event.response ?? {}) as HandlerResponseFields;
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
    case 'setting':
      return { ...at, kind: 'setting', identifier: event.identifier, text: `${event.actionType}: ${event.text}` };
    case 'input':
      return { ...at, kind: 'input', identifier: event.identifier, text: inputText(event), ...(event.slots ? { data: { slots: event.slots } } : {}) };
    case 'flowTransfer':
      return {
        ...at,
        kind: 'transfer',
        identifier: event.identifier,
        text: `transfer to flow ${shortId(event.flowId)}${event.found ? '' : ' (not given: the call leaves the sandbox)'}`,
      };
    case 'actionEnter':
    case 'flowAttributes':
    case 'pause':
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
      return { ...common, kind: 'processing', text: processingText(response.next === 'processingStart') };
    }
    if (response.next === 'none' || response.next === 'speak') {
      return { ...common, kind: 'poll', text: `pull-action → ${response.next}`, data: event.response };
    }
  }
  return { ...common, kind: 'lambda', text: `${name} → ${describeResponse(response)}`, data: event.response };
}

function describeResponse(response: HandlerResponseFields): string {
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

function formatMap(map: Readonly<Record<string, string>>): string {
  return Object.entries(map)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function inputText(event: InputEvent): string {
  switch (event.kind) {
    case 'timeout':
      return 'silent: no input before the time limit';
    case 'dtmf':
      return `presses ${event.value}`;
    case 'utterance':
      return `says "${event.value}"`;
    case 'intent':
      return `intent ${event.value}${event.slots && Object.keys(event.slots).length > 0 ? ` (${formatMap(event.slots)})` : ''}`;
  }
}

function shortId(moduleId: string): string {
  return moduleId.slice(moduleId.lastIndexOf('/') + 1);
}
