import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildTranscript,
  type CallRecord,
  loadScenario,
  type RunCallOptions,
  runCall,
  type SandboxServices,
  type Scenario,
  type Transcript,
} from '../src';

export const SCENARIOS_DIR = join(__dirname, '..', 'scenarios');
export const FIXTURES_DIR = join(__dirname, 'fixtures');

/** Fast enough for a suite, and exact for call-time latencies (see PlaybackClock). */
export const TEST_TIME_SCALE = 100;

export function shippedScenarioNames(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

export function shippedScenario(name: string): Scenario {
  return loadScenario(join(SCENARIOS_DIR, `${name}.json`));
}

/** Runs the call; `transcript` is what the CLI prints, `detailed` lists every poll and silence. */
export async function simulate(
  services: SandboxServices,
  scenario: Scenario,
  options: Omit<RunCallOptions, 'scenario' | 'services'> = {},
): Promise<{ record: CallRecord; transcript: Transcript; detailed: Transcript }> {
  const record = await runCall({ scenario, services, timeScale: TEST_TIME_SCALE, ...options });
  return { record, transcript: buildTranscript(record), detailed: buildTranscript(record, { condense: false }) };
}

/** Index of the first entry of `kind` whose text contains `text`, at or after `from`; -1 when none. */
export function indexOf(transcript: Transcript, kind: string, text = '', from = 0): number {
  return transcript.entries.findIndex((entry, index) => index >= from && entry.kind === kind && entry.text.includes(text));
}
