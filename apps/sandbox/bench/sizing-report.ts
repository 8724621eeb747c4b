import { gbSeconds, LAMBDA_MEMORY_MB } from './lambda-usage';
import type { WorkloadResult } from './measure';
import { isConnectionSetup } from './valkey-commands';

/** One function's load per call-minute of a workload (whole calls), the numbers capacity planning scales. */
export interface FunctionSizing {
  readonly handler: string;
  readonly invocationsPerCallMinute: number;
  readonly meanDurationMs: number;
  readonly gbSecondsPerCallMinute: number;
  /** Sum of durations / call time: the executions one active call keeps running on average. */
  readonly concurrentPerCall: number;
}

export interface WorkloadSizing {
  readonly callMinutes: number;
  /** Per function, in the order the call uses them, then `all`. */
  readonly functions: readonly FunctionSizing[];
  /** Per-call traffic, connection handshakes left out (a warm Lambda connects once per container). */
  readonly valkeyCommandsPerCallMinute: number;
  /** The busiest commands, per call-minute, most first. */
  readonly valkeyTopCommands: readonly (readonly [string, number])[];
  /** Handshake commands per call (the sandbox connects once per call). */
  readonly valkeySetupCommandsPerCall: number;
}

const HANDLER_ORDER = ['engage', 'pull-action', 'push-action', 'call-transfer', 'call-context'];

export function workloadSizing(result: WorkloadResult): WorkloadSizing {
  const callMinutes = result.callMs / 60_000;
  const row = (handler: string, usage: { invocations: number; durationMs: number; billedMs: number }): FunctionSizing => ({
    handler,
    invocationsPerCallMinute: usage.invocations / callMinutes,
    meanDurationMs: usage.durationMs / usage.invocations,
    gbSecondsPerCallMinute: gbSeconds(usage.billedMs) / callMinutes,
    concurrentPerCall: usage.durationMs / result.callMs,
  });
  const used = Object.entries(result.lambdas).sort(
    ([a], [b]) => HANDLER_ORDER.indexOf(a) - HANDLER_ORDER.indexOf(b) || a.localeCompare(b),
  );
  const total = used.reduce(
    (sum, [, usage]) => ({
      invocations: sum.invocations + usage.invocations,
      durationMs: sum.durationMs + usage.durationMs,
      billedMs: sum.billedMs + usage.billedMs,
    }),
    { invocations: 0, durationMs: 0, billedMs: 0 },
  );
  const commands = Object.entries(result.valkeyCommands);
  const perCall = commands.filter(([command]) => !isConnectionSetup(command));
  const setup = commands.filter(([command]) => isConnectionSetup(command));
  return {
    callMinutes,
    functions: [...used.map(([handler, usage]) => row(handler, usage)), row('all', total)],
    valkeyCommandsPerCallMinute: perCall.reduce((sum, [, calls]) => sum + calls, 0) / callMinutes,
    valkeyTopCommands: perCall
      .map(([command, calls]) => [command, calls / callMinutes] as const)
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5),
    valkeySetupCommandsPerCall: setup.reduce((sum, [, calls]) => sum + calls, 0) / result.calls,
  };
}

const WIDTHS = [26, 13, 12, 8, 12, 11];
const cells = (values: readonly string[]) =>
  values.map((value, index) => (index < 2 ? value.padEnd(WIDTHS[index] ?? 0) : value.padStart(WIDTHS[index] ?? 0))).join('  ');

/** Section 3 of the report: what each mode costs per call-minute, on workload 2's conversation. */
export function formatSizing(poll: WorkloadResult, longPoll: WorkloadResult): string[] {
  const lines = [
    `3. Sizing, per call-minute of workload 2 (whole calls, engage to hang-up; ${LAMBDA_MEMORY_MB} MB functions): Lambda invocations,`,
    '   mean duration, billed GB-seconds (each invocation rounded up to 1 ms × memory), concurrent executions per active',
    '   call (sum of durations / call time) and Valkey commands:',
    `   ${cells(['mode', 'function', 'invocations', 'mean', 'GB-s', 'concurrent'])}`,
  ];
  for (const result of [poll, longPoll]) {
    const sizing = workloadSizing(result);
    sizing.functions.forEach((fn, index) => {
      lines.push(
        `   ${cells([
          index === 0 ? result.mode.label : '',
          fn.handler,
          fn.invocationsPerCallMinute.toFixed(1),
          `${fn.meanDurationMs.toFixed(1)} ms`,
          fn.gbSecondsPerCallMinute.toFixed(4),
          fn.concurrentPerCall.toFixed(3),
        ])}`,
      );
    });
    const top = sizing.valkeyTopCommands.map(([command, rate]) => `${command} ${rate.toFixed(1)}`).join(', ');
    lines.push(
      `   ${''.padEnd(WIDTHS[0] ?? 0)}  Valkey: ${sizing.valkeyCommandsPerCallMinute.toFixed(1)} commands a call-minute (${top}),`,
      `   ${''.padEnd(WIDTHS[0] ?? 0)}  plus ${sizing.valkeySetupCommandsPerCall.toFixed(1)} connection-setup commands per call (a warm Lambda connects once, for many calls).`,
    );
  }
  lines.push(
    '   Durations are in-process on this machine: a long-poll PullAction lasts as long as its BLPOP waits, as in AWS, but',
    "   the short invocations here have no Lambda invoke overhead, VPC round trip or cold start: in AWS they last longer",
    '   and their concurrency and GB-seconds are higher; invocation counts and Valkey commands are the flow\'s own.',
  );
  return lines;
}
