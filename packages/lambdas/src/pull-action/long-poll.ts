import type { AsappAction } from '@genagent-connect/action-queue';

/**
 * ASAPP's module cues every 6th poll while GenerativeAgent is processing, and those polls are 400 ms apart: a cue
 * about every 2.4 s. A processing long-poll ends after at most this long, so the module can play the cue.
 */
export const CUE_INTERVAL_MS = 2400;

/** What ends a long-poll: any action but processingStart/processingEnd, which the long-poll consumes itself. */
export type DeliveredAction = Exclude<AsappAction, { action: 'processingStart' | 'processingEnd' }>;

export interface LongPollOptions {
  /** PULL_WAIT_MS: the whole long-poll never waits longer than this (> 0). */
  readonly waitMs: number;
  /** Whether GenerativeAgent was processing when the flow called (the module's `genagentProcessing`). */
  readonly processing: boolean;
  /** Takes the call's oldest action, waiting up to waitMs (whole milliseconds, ≥ 1) for one; null if none came. */
  readonly pull: (waitMs: number) => Promise<AsappAction | null>;
  /** Milliseconds on a monotonic clock. Default `performance.now`. */
  readonly now?: () => number;
}

export interface LongPollOutcome {
  /** undefined when the wait ran out. */
  readonly action: DeliveredAction | undefined;
  /** GenerativeAgent's processing state after the actions consumed. */
  readonly processing: boolean;
}

/**
 * One long-polling PullAction: waits for the call's next action, consuming processingStart/processingEnd on the way
 * (they only change the processing state, which the answer carries), so that each of them no longer costs the flow
 * a PullAction of its own. While processing, it waits at most CUE_INTERVAL_MS more, so the module can keep ASAPP's
 * cue rhythm; its whole wait never exceeds `waitMs`, so the Lambda answers within its limit.
 *
 * A failing pull rejects, and the processing actions consumed before it are lost with it: they only pace the cue,
 * and the module ends the call on pull-action's `error` anyway.
 */
export async function longPoll(options: LongPollOptions): Promise<LongPollOutcome> {
  const { waitMs, pull } = options;
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  let processing = options.processing;
  let deadline = startedAt + (processing ? Math.min(waitMs, CUE_INTERVAL_MS) : waitMs);
  // Whole milliseconds rounded down, so no wait reaches past the deadline.
  for (let remainingMs = Math.floor(deadline - startedAt); remainingMs >= 1; remainingMs = Math.floor(deadline - now())) {
    const action = await pull(remainingMs);
    if (action === null) break;
    if (action.action === 'processingStart') {
      processing = true;
      deadline = Math.min(deadline, now() + CUE_INTERVAL_MS);
    } else if (action.action === 'processingEnd') {
      processing = false;
    } else {
      return { action, processing };
    }
  }
  return { action: undefined, processing };
}
