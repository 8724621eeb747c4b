import { formatSeconds } from './format-duration';
import type { HandlerResponseFields } from './transcript-entries';
import type { EntryKind, TranscriptEntry } from './transcript';

/**
 * Runs of idle polling (PullAction → none, then a silence, the processing cue or a filler prompt) become one
 * `waiting` line that still counts the cues; repeated warnings (an unknown prompt each loop) are listed once.
 */
export function condense(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
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
  return entry.kind === 'poll' && (entry.data as HandlerResponseFields | undefined)?.next === next;
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
