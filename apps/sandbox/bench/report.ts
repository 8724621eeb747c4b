import { DEFAULT_TTS_MS_PER_CHARACTER } from '@genagent-connect/connect-flow';
import { CUE_INTERVAL_MS, MAX_PULL_WAIT_MS } from '@genagent-connect/lambdas';
import { type PullCounts, perCallMinute, totalPulls, type WorkloadResult } from './measure';
import type { BenchOptions } from './options';
import { formatSizing } from './sizing-report';
import { percentile } from './stats';
import { CONVERSATION, IDLE_SPEECH } from './workloads';

export interface BenchResults {
  readonly options: BenchOptions;
  readonly latency: { readonly poll: WorkloadResult; readonly longPoll: WorkloadResult };
  readonly conversation: { readonly poll: WorkloadResult; readonly longPoll: WorkloadResult };
}

/** Issue 5's "done when" for the bench. */
const TARGETS = { longPollP50Ms: 100, longPollP99Ms: 300, pollP50Ms: 500, pollP50ToleranceMs: 100, pullRatio: 1 / 5 } as const;

const LABEL_WIDTH = 26;
const ms = (value: number) => `${Math.round(value)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;
const range = ([min, max]: readonly [number, number]) => `${min / 1000}-${max / 1000} s`;
const rate = (value: number) => value.toFixed(1);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const table = (cells: readonly string[], widths: readonly number[]) =>
  cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ');

const LATENCY_WIDTHS = [LABEL_WIDTH, 5, 8, 8, 8, 8, 7];
function latencyRow(result: WorkloadResult): string {
  const { latencies } = result;
  const cells = [50, 90, 99].map((p) => ms(percentile(latencies, p)));
  return table([result.mode.label, String(latencies.length), ...cells, ms(latencies.at(-1) ?? Number.NaN), seconds(result.wallMs)], LATENCY_WIDTHS);
}

const RATE_WIDTHS = [LABEL_WIDTH, 8, 9, 10, 10, 8, 7];
function rateRow(result: WorkloadResult): string {
  const perMinute = (count: number) => rate(perCallMinute(result, count));
  const { pulls } = result;
  return table(
    [
      result.mode.label,
      (result.loopMs / 60_000).toFixed(1),
      perMinute(totalPulls(pulls)),
      perMinute(pulls.idlePolls),
      perMinute(pulls.processingPolls),
      perMinute(pulls.actionPulls),
      seconds(result.wallMs),
    ],
    RATE_WIDTHS,
  );
}

/** Steady-state idle polls a minute: 60000 / the mean call time from one empty idle PullAction to the next. */
function idlePollsPerMinute(result: WorkloadResult): number {
  const cycles = result.idleCycleMs;
  return 60_000 / (cycles.reduce((sum, cycle) => sum + cycle, 0) / cycles.length);
}

function sentenceLengths(): string {
  const lengths = CONVERSATION.sentences.map((sentence) => sentence.length);
  const [shortest, longest] = [Math.min(...lengths), Math.max(...lengths)];
  const speech = (length: number) => ((length * DEFAULT_TTS_MS_PER_CHARACTER) / 1000).toFixed(1);
  return `${shortest}-${longest} characters (${speech(shortest)}-${speech(longest)} s of speech)`;
}

export function formatReport(results: BenchResults): string {
  const { options, latency, conversation } = results;
  const wait = options.pullWaitMs;
  // The module gives PullAction 8 s; pull-action's MAX_PULL_WAIT_MS is the longest wait that leaves room in it.
  const waitNote = wait === MAX_PULL_WAIT_MS ? ' (MAX_PULL_WAIT_MS, the most the 8 s PullAction limit allows)' : '';
  const longPollP50 = percentile(latency.longPoll.latencies, 50);
  const longPollP99 = percentile(latency.longPoll.latencies, 99);
  const pollP50 = percentile(latency.poll.latencies, 50);
  const pollRate = perCallMinute(conversation.poll, totalPulls(conversation.poll.pulls));
  const longPollRate = perCallMinute(conversation.longPoll, totalPulls(conversation.longPoll.pulls));
  const ratio = longPollRate / pollRate;
  const idlePoll = idlePollsPerMinute(conversation.poll);
  const idleLongPoll = idlePollsPerMinute(conversation.longPoll);
  const answers = (result: WorkloadResult) => ms(percentile(result.latencies, 50));
  const latencyOk = longPollP50 < TARGETS.longPollP50Ms && longPollP99 < TARGETS.longPollP99Ms;
  const ratioOk = ratio <= TARGETS.pullRatio;
  return [
    `Speak-latency bench (issue 5): ASAPP's poll mode against long-poll with PULL_WAIT_MS ${wait}${waitNote}.`,
    `The real module, handlers, Valkey and ASAPP emulator; ${options.calls} concurrent calls per workload and mode, one workload`,
    `at a time; time scale ×${options.timeScale}, seed ${options.seed}.`,
    '',
    `1. Speak latency, push → start of speech: ${options.utterances} short answers per mode ("${IDLE_SPEECH.answers[0]}", "${IDLE_SPEECH.answers[3]}"…), each pushed`,
    `   ${range(IDLE_SPEECH.idleMs)} after the previous one ended: at a random moment while GenerativeAgent and the module are idle.`,
    table(['mode', 'utt.', 'p50', 'p90', 'p99', 'max', 'wall'], LATENCY_WIDTHS),
    latencyRow(latency.poll),
    latencyRow(latency.longPoll),
    '',
    `2. PullAction invocations per call-minute, in a conversation: per call a greeting, then ${options.turns} turns of: the caller`,
    `   speaks ${range(CONVERSATION.callerMs)} (GenerativeAgent idle), GenerativeAgent processes ${range(CONVERSATION.processingMs)} (processingStart … processingEnd),`,
    `   then speaks one sentence of ${sentenceLengths()} at ${DEFAULT_TTS_MS_PER_CHARACTER} ms a character;`,
    '   disengage after the last. PullAction calls per call-minute: all, then split into empty polls while idle, empty',
    '   polls while processing, and pulls that answered an action:',
    table(['mode', 'call-min', 'pulls/min', 'idle', 'processing', 'actions', 'wall'], RATE_WIDTHS),
    rateRow(conversation.poll),
    rateRow(conversation.longPoll),
    `   Idle polling alone (GenerativeAgent idle, nothing queued): poll ${rate(idlePoll)} a minute (1 s silence + PullAction),`,
    `   long-poll ${rate(idleLongPoll)} (one ${wait} ms BLPOP): ratio ${(idleLongPoll / idlePoll).toFixed(2)}.`,
    `   Latency is taken from workload 1 only: here answers come right after processingEnd, while poll mode polls every`,
    `   400 ms (p50 push → speech ${answers(conversation.poll)} poll, ${answers(conversation.longPoll)} long-poll), not issue 5's idle case.`,
    '',
    ...formatSizing(conversation.poll, conversation.longPoll),
    '',
    'Targets (issue 5):',
    `  long-poll p50 < ${TARGETS.longPollP50Ms} ms (workload 1): ${ms(longPollP50)}  ${verdict(longPollP50 < TARGETS.longPollP50Ms)}`,
    `  long-poll p99 < ${TARGETS.longPollP99Ms} ms (workload 1): ${ms(longPollP99)}  ${verdict(longPollP99 < TARGETS.longPollP99Ms)}`,
    `  poll p50 about ${TARGETS.pollP50Ms} ms by construction, ±${TARGETS.pollP50ToleranceMs} (workload 1): ${ms(pollP50)}  ${verdict(Math.abs(pollP50 - TARGETS.pollP50Ms) <= TARGETS.pollP50ToleranceMs)}`,
    `  long-poll PullAction calls per call-minute <= 1/5 of poll's (workload 2): ${rate(longPollRate)} / ${rate(pollRate)} = ${ratio.toFixed(2)}  ${verdict(ratioOk)}`,
    ...(latencyOk ? [] : latencyMissNote()),
    ...(ratioOk ? [] : ratioMissNote(conversation, wait)),
    '',
    'How the numbers are made:',
    `  Call time runs at real speed, except while the caller only hears a prompt, TTS or a silence: that stretch, and only`,
    `  it, plays ×${options.timeScale} faster and still advances call time by its full length. Lambda handlers (in-process), Valkey`,
    '  (LPOP, BLPOP, RPUSH on a loopback redis/valkey) and the emulator take their real duration, so long-poll idle time,',
    '  spent inside PullAction, passes in real time. Latency counts from ASAPP invoking PushAction to the first moment of',
    '  speech. Poll: the push waits for the rest of the 1 s silence (simulated, exact), then one PullAction (real):',
    '  uniform over about 0-1 s, so p50 is about 500 ms whatever the machine. Long-poll: PushAction + BLPOP wake-up +',
    '  PullAction answer + module transitions, all measured; production adds the Lambda invocations and VPC round trips.',
    "  Call-minutes run from each call's first PullAction to the end of its last (the module's loop). Poll mode polls",
    '  every 1 s + PullAction while idle and every 400 ms (a cue every 6th) while processing, and each processingStart,',
    '  processingEnd and speak is one PullAction of its own (the "actions" column). Long-poll goes straight back to',
    `  PullAction, and a push wakes its BLPOP at once, so an idle stretch shorter than ${wait} ms costs no empty poll.`,
    '  processingStart and processingEnd are consumed inside the PullAction that is waiting, which keeps waiting; while',
    `  processing it answers none at most ${CUE_INTERVAL_MS / 1000} s after its start or the processingStart, for the module to play the`,
    `  cue, and never later than ${wait} ms after its start. Only speak and disengage end a long-poll with an action.`,
  ].join('\n');
}

function latencyMissNote(): string[] {
  return [
    '  Long-poll latency is measured in real time on this machine: a miss means its event loop or Valkey answered',
    '  slowly (compare max and wall, rerun on an idle machine); nothing in the workload adds to it.',
  ];
}

/** Why long-poll stays above 1/5 on this conversation, from the measured numbers. */
function ratioMissNote(conversation: BenchResults['conversation'], wait: number): string[] {
  const perMinute = (result: WorkloadResult, pick: (pulls: PullCounts) => number) => perCallMinute(result, pick(result.pulls));
  const emptyPolls = (pulls: PullCounts) => pulls.idlePolls + pulls.processingPolls;
  const pollTotal = perMinute(conversation.poll, totalPulls);
  const pollEmpty = perMinute(conversation.poll, emptyPolls);
  const longPollEmpty = perMinute(conversation.longPoll, emptyPolls);
  const actions = perMinute(conversation.longPoll, (pulls) => pulls.actionPulls);
  const floor = actions / pollTotal;
  const cut = Math.round((1 - longPollEmpty / pollEmpty) * 100);
  const allowedEmpty = pollTotal * TARGETS.pullRatio - actions;
  return [
    `  Why the 1/5 is missed: long-poll cuts the empty polls from ${rate(pollEmpty)} to ${rate(longPollEmpty)} a call-minute (${cut}% fewer), but`,
    `  each speak and the disengage still end one PullAction (1 a turn, plus greeting and disengage):`,
    `  ${rate(actions)} a call-minute here, by themselves ${floor.toFixed(2)} of poll mode's ${rate(pollTotal)}.`,
    ...(floor >= TARGETS.pullRatio
      ? ['  So no PULL_WAIT_MS can bring this conversation under 1/5: the floor is the action pulls, not the wait.']
      : [
          `  Under 1/5 needs at most ${rate(Math.max(0, allowedEmpty))} empty long-poll polls a call-minute; PULL_WAIT_MS ${wait} leaves ${rate(longPollEmpty)}.`,
        ]),
    `  Idle polling alone comes to 60000/${wait} against about 60 a minute (above); a conversation adds the action pulls.`,
  ];
}
