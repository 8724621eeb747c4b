import { describeEntry } from './format-transcript';
import type { ScenarioExpectations } from './scenario';
import type { Transcript } from './transcript';

/** What a scenario's `expect` block says did not happen; empty when the call went as expected. */
export function checkExpectations(transcript: Transcript, expect: ScenarioExpectations): string[] {
  const failures: string[] = [];
  const { outcome, attributes } = transcript;
  if (expect.disposition !== undefined && outcome.disposition !== expect.disposition) {
    failures.push(`disposition: expected ${show(expect.disposition)}, got ${show(outcome.disposition)}`);
  }
  if (expect.endReason !== undefined && outcome.endReason !== expect.endReason) {
    failures.push(`endReason: expected ${expect.endReason}, got ${outcome.endReason}`);
  }
  for (const [name, value] of Object.entries(expect.attributes ?? {})) {
    const actual = attributes[name] ?? null;
    if (actual !== value) failures.push(`attribute ${name}: expected ${show(value)}, got ${show(actual)}`);
  }
  if (expect.errorMessageContains !== undefined && !(outcome.errorMessage ?? '').includes(expect.errorMessageContains)) {
    failures.push(`ASAPP_ErrorMessage: expected it to contain "${expect.errorMessageContains}", got ${show(outcome.errorMessage)}`);
  }
  if (expect.pushesRejected !== undefined && transcript.pushes.rejected !== expect.pushesRejected) {
    failures.push(`pushes rejected: expected ${expect.pushesRejected}, got ${transcript.pushes.rejected}`);
  }
  const missing = firstMissingInOrder(transcript, expect.transcript ?? []);
  if (missing !== undefined) failures.push(`transcript: no ${missing} after the lines matched before it`);
  return failures;
}

/** The first expected line not found after the previous match, described; undefined when all appear in order. */
function firstMissingInOrder(transcript: Transcript, expected: NonNullable<ScenarioExpectations['transcript']>): string | undefined {
  let position = 0;
  for (const line of expected) {
    const found = transcript.entries.findIndex(
      (entry, index) =>
        index >= position && entry.kind === line.kind && (line.contains === undefined || describeEntry(entry).includes(line.contains)),
    );
    if (found < 0) return `${line.kind} line${line.contains === undefined ? '' : ` containing "${line.contains}"`}`;
    position = found + 1;
  }
  return undefined;
}

function show(value: string | null): string {
  return value === null ? '(unset)' : `"${value}"`;
}
