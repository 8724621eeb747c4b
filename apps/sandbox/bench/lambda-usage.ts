import type { CallRecord } from '../src';

/**
 * Memory of every function in AWS: IntegrationFunction's default `memorySizeMb` (256), which apps/infra uses for all
 * five. Billed GB-seconds are computed with it.
 */
export const LAMBDA_MEMORY_MB = 256;

/** One Lambda invocation of a simulated call: which handler, and how long it ran (call-time ms). */
export interface Invocation {
  readonly handler: string;
  readonly durationMs: number;
}

/** What one function did over a workload. */
export interface FunctionUsage {
  readonly invocations: number;
  /** Sum of the invocations' durations. */
  readonly durationMs: number;
  /** Sum of the billed durations: each rounded up to the next whole millisecond, as Lambda bills. */
  readonly billedMs: number;
}

/** The flow's synchronous invocations (engage, pull-action, the PSTN functions) and ASAPP's PushAction calls. */
export function invocationsOf(record: CallRecord): Invocation[] {
  const flowInvocations = record.result.events.flatMap((event) =>
    event.type === 'lambda' ? [{ handler: record.handlerOfArn[event.arn] ?? event.arn, durationMs: event.durationMs }] : [],
  );
  const pushes = record.pushes.map((push) => ({ handler: 'push-action', durationMs: push.landedAtMs - push.sentAtMs }));
  return [...flowInvocations, ...pushes];
}

/** Lambda bills duration rounded up to 1 ms; a sub-millisecond invocation still bills 1 ms. */
export function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}

/** Per handler: invocations, total and billed duration. */
export function usageByHandler(invocations: readonly Invocation[]): Record<string, FunctionUsage> {
  const usage: Record<string, FunctionUsage> = {};
  for (const { handler, durationMs } of invocations) {
    const sum = usage[handler] ?? { invocations: 0, durationMs: 0, billedMs: 0 };
    usage[handler] = {
      invocations: sum.invocations + 1,
      durationMs: sum.durationMs + durationMs,
      billedMs: sum.billedMs + billedMs(durationMs),
    };
  }
  return usage;
}

/** GB-seconds: billed seconds × memory in GB (1024 MB), Lambda's unit of duration charges. */
export function gbSeconds(billedDurationMs: number, memoryMb = LAMBDA_MEMORY_MB): number {
  return (billedDurationMs / 1000) * (memoryMb / 1024);
}
