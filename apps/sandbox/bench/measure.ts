import type { LambdaEvent } from '@genagent-connect/connect-flow';
import { buildTranscript, type CallRecord, parseScenario, runCall, type SandboxServices, type ScenarioInput, type Transcript } from '../src';
import { type FunctionUsage, invocationsOf, usageByHandler } from './lambda-usage';
import { commandsBetween, readCommandStats } from './valkey-commands';
import type { CallScript } from './workloads';

export interface PullMode {
  readonly label: string;
  readonly pull: NonNullable<ScenarioInput['pull']>;
}

/** PullAction invocations by what they found. */
export interface PullCounts {
  /** Empty (`none`) while GenerativeAgent was idle: the caller's turn, or no conversation at all. */
  readonly idlePolls: number;
  /** Empty while GenerativeAgent was processing (between processingStart and processingEnd). */
  readonly processingPolls: number;
  /**
   * One per action PullAction answered: every action GenerativeAgent pushed in poll mode; in long-poll only speak,
   * transfers and disengage (processingStart/processingEnd are consumed inside the waiting PullAction).
   */
  readonly actionPulls: number;
}

export interface WorkloadResult {
  readonly mode: PullMode;
  readonly calls: number;
  /** Push → start of speech, call-time ms, ascending. */
  readonly latencies: readonly number[];
  readonly pulls: PullCounts;
  /** Call time from each call's first PullAction to the end of its last (the module's loop), summed. */
  readonly loopMs: number;
  /** Call time from an empty idle PullAction to the next one: one steady-state idle poll cycle each. */
  readonly idleCycleMs: readonly number[];
  /** Every function's invocations and durations, PushAction included. */
  readonly lambdas: Readonly<Record<string, FunctionUsage>>;
  /** Whole calls, from the flow's start to its end, summed: the denominator of the sizing numbers. */
  readonly callMs: number;
  /** Valkey commands the workload's calls made, per command (`INFO commandstats` before and after). */
  readonly valkeyCommands: Readonly<Record<string, number>>;
  readonly wallMs: number;
}

export interface RunWorkloadOptions {
  readonly services: SandboxServices;
  readonly scripts: readonly CallScript[];
  readonly mode: PullMode;
  readonly timeScale: number;
  readonly name: string;
}

/** Runs every script as one call, all at once, in `mode`, and measures what the module and PullAction did. */
export async function runWorkload(options: RunWorkloadOptions): Promise<WorkloadResult> {
  const { services, scripts, mode, timeScale, name } = options;
  const commandsBefore = await readCommandStats(services.valkey);
  const started = performance.now();
  const records = await Promise.all(
    scripts.map((script, index) =>
      runCall({
        scenario: parseScenario({ pull: mode.pull, conversation: script.conversation }, 'bench', `${name}, ${mode.label} #${index + 1}`),
        services,
        timeScale,
      }),
    ),
  );
  const wallMs = performance.now() - started;
  const valkeyCommands = commandsBetween(commandsBefore, await readCommandStats(services.valkey));
  const latencies: number[] = [];
  const pulls = { idlePolls: 0, processingPolls: 0, actionPulls: 0 };
  const idleCycleMs: number[] = [];
  let loopMs = 0;
  let callMs = 0;
  records.forEach((record, index) => {
    const transcript = buildTranscript(record);
    assertRanAsScripted(record.scenario, transcript, scripts[index]?.utterances ?? 0);
    latencies.push(...transcript.utterances.map((utterance) => utterance.latencyMs));
    const loop = pullLoop(pullActionEvents(record));
    pulls.idlePolls += loop.pulls.idlePolls;
    pulls.processingPolls += loop.pulls.processingPolls;
    pulls.actionPulls += loop.pulls.actionPulls;
    idleCycleMs.push(...loop.idleCycleMs);
    loopMs += loop.loopMs;
    callMs += record.result.durationMs;
  });
  const lambdas = usageByHandler(records.flatMap(invocationsOf));
  return {
    mode,
    calls: records.length,
    latencies: latencies.sort((a, b) => a - b),
    pulls,
    loopMs,
    idleCycleMs,
    lambdas,
    callMs,
    valkeyCommands,
    wallMs,
  };
}

export function totalPulls(pulls: PullCounts): number {
  return pulls.idlePolls + pulls.processingPolls + pulls.actionPulls;
}

/** Invocations per minute of the module's loop, summed over calls. */
export function perCallMinute(result: WorkloadResult, count: number): number {
  return count / (result.loopMs / 60_000);
}

/**
 * A number is only meaningful if the call went as scripted: every utterance spoken, disengaged at the end, and each
 * speak push landing after the previous utterance had finished (else its latency would include that speech).
 */
function assertRanAsScripted(name: string, transcript: Transcript, utterances: number): void {
  const problem = (text: string) => new Error(`${name}: ${text}; the numbers would not mean what the bench says`);
  if (transcript.outcome.disposition !== 'disengage' || transcript.utterances.length !== utterances) {
    throw problem(
      `expected ${utterances} utterances and disposition disengage, got ${transcript.utterances.length} and ${transcript.outcome.disposition}`,
    );
  }
  const speeches = transcript.entries.filter((entry) => entry.kind === 'speech' && entry.speaker === 'GenerativeAgent');
  transcript.utterances.forEach((utterance, index) => {
    const previous = speeches[index - 1];
    if (previous !== undefined && utterance.pushedAtMs < previous.atMs + (previous.durationMs ?? 0)) {
      throw problem(`the speak push at ${utterance.pushedAtMs} ms landed while the previous utterance was still playing`);
    }
  });
}

function pullActionEvents(record: CallRecord): LambdaEvent[] {
  return record.result.events.flatMap((event) =>
    event.type === 'lambda' && record.handlerOfArn[event.arn] === 'pull-action' ? [event] : [],
  );
}

/**
 * Classifies each PullAction by the module's processing flag, which starts set and follows processingStart/End in
 * poll mode, and the `processing` a long-poll answers (the state it leaves) in long-poll.
 */
function pullLoop(events: readonly LambdaEvent[]): { pulls: PullCounts; loopMs: number; idleCycleMs: number[] } {
  const pulls = { idlePolls: 0, processingPolls: 0, actionPulls: 0 };
  const idleCycleMs: number[] = [];
  let processing = true;
  events.forEach((event, index) => {
    const response = event.response as { next?: string; processing?: number } | undefined;
    const next = response?.next;
    if (response?.processing !== undefined) processing = response.processing === 1;
    if (next === 'none') {
      if (processing) pulls.processingPolls += 1;
      else pulls.idlePolls += 1;
      const following = events[index + 1];
      if (!processing && following !== undefined) idleCycleMs.push(following.at - event.at);
      return;
    }
    pulls.actionPulls += 1;
    if (next === 'processingStart') processing = true;
    if (next === 'processingEnd') processing = false;
  });
  const first = events[0];
  const last = events.at(-1);
  const loopMs = first && last ? last.at + last.durationMs - first.at : 0;
  return { pulls, loopMs, idleCycleMs };
}
