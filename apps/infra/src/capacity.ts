import type { LambdaName } from '@genagent-connect/lambdas/bundles';
import type { EnvironmentConfig } from './config/environment-schema';

/**
 * Lambda lets an account reserve concurrency only as long as at least this much stays unreserved for the functions
 * without a reservation (PutFunctionConcurrency; UnreservedConcurrentExecution minimum).
 */
export const MIN_UNRESERVED_CONCURRENCY = 100;

/**
 * Per call-minute of the sandbox bench's conversation (`pnpm --filter @genagent-connect/sandbox bench`, section 3 of
 * its report, workload 2: 40 calls of a greeting and 4 turns; see the README's sizing section).
 * Invocation counts and Valkey commands are the flow's and the handlers' own, so they hold in AWS; durations of the
 * short invocations do not (PLANNING_DURATION_MS). Engage is once per call, so longer real calls need less of it.
 */
export const MEASURED_PER_CALL_MINUTE = {
  poll: {
    invocations: { engage: 0.8, 'pull-action': 51.4, 'push-action': 11.3 },
    valkeyCommands: 871.3,
  },
  longPoll: {
    invocations: { engage: 0.8, 'pull-action': 9.6, 'push-action': 11.3 },
    valkeyCommands: 261.5,
  },
} as const;

/**
 * Duration to plan each short invocation with in AWS. Not measured: the bench runs the handlers in-process (a few ms
 * each), without Lambda's invoke overhead, the VPC hop to Valkey, ASAPP over the internet or cold starts. Generous on
 * purpose (a cold start in a VPC takes about this long); compare with CloudWatch's Duration after the first calls.
 */
export const PLANNING_DURATION_MS: Readonly<Record<LambdaName, number>> = {
  engage: 1000,
  'pull-action': 200,
  'push-action': 200,
  'call-transfer': 1000,
  'call-context': 1000,
};

export type PullModeName = EnvironmentConfig['pullMode']['mode'];

/** What one function needs at the environment's peak. */
export interface FunctionNeed {
  readonly name: LambdaName;
  /** Concurrent executions at `peakConcurrentCalls`, at least 1. */
  readonly concurrency: number;
  /** Reserved for the function (pull-action in long-poll), rather than drawn from the account's shared pool. */
  readonly reserved: boolean;
}

export interface CapacityPlan {
  readonly peakConcurrentCalls: number;
  readonly pullMode: PullModeName;
  /** The deployed functions, in the order a call uses them. */
  readonly functions: readonly FunctionNeed[];
  /** Sum of the functions' needs. */
  readonly totalConcurrency: number;
  /** Valkey commands a second at the peak (media streaming mode; 0 without it). */
  readonly valkeyOpsPerSecond: number;
}

/**
 * Concurrency = invocations per second × duration in seconds (Lambda's own sizing rule), scaled to the peak. A
 * long-polling PullAction is different: the module invokes it synchronously, one at a time per call, and an idle call
 * keeps one waiting the whole time, so it needs one execution per call. The bench measures 0.479 (PullAction's
 * durations over call time, averaged over speech and waits), but calls whose callers all talk at once reach 1, and a
 * throttled PullAction ends the call: so one per call is reserved.
 */
export function capacityPlan(config: EnvironmentConfig): CapacityPlan {
  const peak = config.peakConcurrentCalls;
  const mode = config.pullMode.mode;
  const rates = MEASURED_PER_CALL_MINUTE[mode];
  const need = (name: LambdaName, invocationsPerCallMinute: number): FunctionNeed => {
    const concurrency = Math.ceil((peak * invocationsPerCallMinute * PLANNING_DURATION_MS[name]) / 60_000);
    return {
      name,
      concurrency: Math.max(1, concurrency, config.provisionedConcurrency[name]),
      reserved: false,
    };
  };
  const functions: FunctionNeed[] = [];
  if (config.modes.mediaStreaming) {
    functions.push(
      need('engage', rates.invocations.engage),
      mode === 'longPoll'
        ? { name: 'pull-action', concurrency: Math.max(peak, config.provisionedConcurrency['pull-action']), reserved: true }
        : need('pull-action', rates.invocations['pull-action']),
      need('push-action', rates.invocations['push-action']),
    );
  }
  if (config.modes.pstnTransfer) {
    // Each transferred call makes one call-transfer and one call-context invocation, as a media call makes one engage.
    functions.push(need('call-transfer', rates.invocations.engage), need('call-context', rates.invocations.engage));
  }
  return {
    peakConcurrentCalls: peak,
    pullMode: mode,
    functions,
    totalConcurrency: functions.reduce((sum, fn) => sum + fn.concurrency, 0),
    valkeyOpsPerSecond: config.modes.mediaStreaming ? (peak * rates.valkeyCommands) / 60 : 0,
  };
}

/** Reserved concurrency of one function, or undefined when it draws from the shared pool. */
export function reservedConcurrency(plan: CapacityPlan, name: LambdaName): number | undefined {
  const fn = plan.functions.find((candidate) => candidate.name === name);
  return fn?.reserved ? fn.concurrency : undefined;
}

/**
 * The synth line of one environment, e.g. `prod: peak 200 calls → Lambda concurrency engage 6, pull-action 200
 * (long-poll, reserved), push-action 10 = 216 (+100 unreserved, limit 1000); Valkey ~269 ops/s`.
 */
export function describePlan(environment: string, plan: CapacityPlan, limit: number): string {
  const modeLabel = plan.pullMode === 'longPoll' ? 'long-poll' : 'poll';
  const parts = plan.functions.map((fn) => {
    const notes = [...(fn.name === 'pull-action' ? [modeLabel] : []), ...(fn.reserved ? ['reserved'] : [])];
    return `${fn.name} ${fn.concurrency}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  const valkey = plan.valkeyOpsPerSecond > 0 ? `; Valkey ~${Math.ceil(plan.valkeyOpsPerSecond)} ops/s` : '';
  return (
    `${environment}: peak ${plan.peakConcurrentCalls} calls → Lambda concurrency ${parts.join(', ')} = ${plan.totalConcurrency} ` +
    `(+${MIN_UNRESERVED_CONCURRENCY} unreserved, limit ${limit})${valkey}`
  );
}

/**
 * The problem when the plan does not fit the account: its need plus the unreserved minimum above the limit. Lambda
 * would refuse the reservation at apply, or throttle calls at the peak.
 */
export function capacityProblem(plan: CapacityPlan, config: Pick<EnvironmentConfig, 'lambdaConcurrencyLimit' | 'region'>): string | undefined {
  const required = plan.totalConcurrency + MIN_UNRESERVED_CONCURRENCY;
  if (required <= config.lambdaConcurrencyLimit) return undefined;
  const breakdown = plan.functions.map((fn) => `${fn.name} ${fn.concurrency}${fn.reserved ? ' reserved' : ''}`).join(', ');
  return (
    `peakConcurrentCalls: ${plan.peakConcurrentCalls} calls need ${plan.totalConcurrency} concurrent Lambda executions (${breakdown}) ` +
    `plus the ${MIN_UNRESERVED_CONCURRENCY} Lambda keeps unreserved = ${required}, more than lambdaConcurrencyLimit ${config.lambdaConcurrencyLimit}. ` +
    `Raise the account's Lambda "Concurrent executions" quota in ${config.region} with Service Quotas (quota code L-B99A9384) ` +
    `and set lambdaConcurrencyLimit to the new value, or lower peakConcurrentCalls.`
  );
}
