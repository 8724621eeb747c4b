import { formatSeconds } from './format-duration';
import { describeMetrics } from './metrics-summary';
import type { Transcript, TranscriptEntry } from './transcript';

const LABELS: Readonly<Record<TranscriptEntry['kind'], string>> = {
  speech: 'says',
  silence: 'silence',
  cue: 'cue',
  prompt: 'prompt',
  poll: 'poll',
  waiting: 'waiting',
  processing: 'processing',
  lambda: 'lambda',
  push: 'GA push',
  caller: 'Caller',
  agent: 'GA',
  fault: 'FAULT',
  attributes: 'attributes',
  mediaStreaming: 'media',
  module: 'module',
  transfer: 'transfer',
  queue: 'queue',
  disconnect: 'hang-up',
  error: 'ERROR',
  warning: 'warning',
  setting: 'setting',
  input: 'Caller input',
};

/** mm:ss.mmm of call time. */
function formatCallTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${String(minutes).padStart(2, '0')}:${seconds.toFixed(3).padStart(6, '0')}`;
}

function label(entry: TranscriptEntry): string {
  if (entry.kind === 'speech') return entry.speaker === 'GenerativeAgent' ? 'GenerativeAgent' : 'Flow TTS';
  return LABELS[entry.kind];
}

/** The transcript line of one entry, without its time: what expectations match against. */
export function describeEntry(entry: TranscriptEntry): string {
  const latency = entry.latencyMs === undefined ? '' : `  [push→speech ${entry.latencyMs} ms]`;
  const duration = entry.kind === 'lambda' && entry.durationMs !== undefined ? `  (${entry.durationMs} ms)` : '';
  return `${label(entry).padEnd(15)} ${entry.text}${duration}${latency}`;
}

export function formatTranscript(transcript: Transcript): string {
  const pull = transcript.pull.mode === 'longPoll' ? `long-poll (PULL_WAIT_MS ${transcript.pull.waitMs})` : 'poll';
  const lines = [
    `Scenario ${transcript.scenario} · ${transcript.flow} · ${transcript.mode} mode · ${pull}`,
    `Contact ${transcript.contact.contactId} from ${transcript.contact.customerNumber} to ${transcript.contact.systemNumber}`,
    `Call time: prompts and silences run ×${transcript.timeScale}; Lambdas, Valkey and the emulator in real time.`,
    '',
    ...transcript.entries.map((entry) => `  ${formatCallTime(entry.atMs)}  ${describeEntry(entry)}`),
    '',
    'Lambda calls:',
    ...Object.entries(transcript.lambdas).map(
      ([name, summary]) =>
        `  ${name.padEnd(14)} ${summary.invocations} × (${Object.entries(summary.results)
          .map(([result, count]) => `${count} ${result}`)
          .join(', ')}), ${summary.totalDurationMs} ms in all`,
    ),
    `PushAction: ${transcript.pushes.sent} sent, ${transcript.pushes.rejected} rejected`,
    'Push → start of speech (call-time ms):',
    ...(transcript.utterances.length === 0
      ? ['  (no GenerativeAgent speech)']
      : transcript.utterances.map((utterance) => `  ${String(utterance.latencyMs).padStart(5)} ms  ${utterance.text}`)),
    `Metrics (EMF, namespace ${transcript.metrics.namespace ?? '(none)'}, ${transcript.metrics.lines} lines):`,
    ...Object.entries(transcript.metrics.functions).map(([name, metrics]) => `  ${name.padEnd(14)} ${describeMetrics(metrics)}`),
    'Final contact attributes:',
    ...Object.entries(transcript.attributes).map(([name, value]) => `  ${name} = ${value}`),
    ...(transcript.warnings.length === 0 ? [] : ['Warnings:', ...transcript.warnings.map((warning) => `  ${warning}`)]),
    '',
    summaryLine(transcript),
  ];
  return `${lines.join('\n')}\n`;
}

function summaryLine(transcript: Transcript): string {
  const { outcome } = transcript;
  const latencies = transcript.utterances.map((utterance) => utterance.latencyMs);
  const polls = transcript.lambdas['pull-action']?.invocations ?? 0;
  return [
    `Disposition: ${outcome.disposition ?? '(none)'}`,
    ...(outcome.errorMessage ? [`error "${outcome.errorMessage}"`] : []),
    `ended: ${outcome.endReason}${outcome.error ? ` (${outcome.error})` : ''}`,
    `${latencies.length} utterance${latencies.length === 1 ? '' : 's'}${latencies.length > 0 ? `, push→speech max ${Math.max(...latencies)} ms` : ''}`,
    `${polls} PullAction calls`,
    `call ${formatSeconds(outcome.callDurationMs)} simulated in ${formatSeconds(outcome.wallDurationMs)}`,
  ].join(' · ');
}
