import type { ActionQueue, QueuedAction } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import type { ContactLogger } from '../logging';
import type { CallLimit } from './call-limits';
import type { PullActionResponse } from './pull-action-response';

export type PullQueue = Pick<ActionQueue, 'pull' | 'pullReliably' | 'nextProcessingCue' | 'observeActivity' | 'markActive'>;

/** What one take from the queue gave: the action and, for an at-least-once pull, its sequence number. */
export interface Taken {
  readonly action: QueuedAction;
  readonly sequence?: number;
}

/** One call's pull, once the call is known. */
export interface CallPull {
  readonly queue: PullQueue;
  readonly config: PullActionConfig;
  readonly companyMarker: string;
  readonly guid: string;
  readonly log: ContactLogger;
  readonly clock: () => number;
  /**
   * Takes the call's next action (waiting up to waitMs), acknowledging `acknowledged` first when the pull is
   * at-least-once.
   */
  readonly take: (acknowledged: number, waitMs: number) => Promise<Taken | null>;
  /** The last sequence the flow passed (undefined for ASAPP's module). */
  readonly lastSequence: number | undefined;
  /** What went wrong with a Valkey operation, for the flow and the log. */
  readonly describeFailure: (error: unknown) => string;
  /** The flow's error answer, logged and counted (as the limit's ending when a limit was reached). */
  readonly fail: (failure: string | CallLimit) => PullActionResponse;
  /**
   * The answer to a failed Valkey operation: `none` while Valkey has failed the call for less than the outage grace
   * (unreachable, silent or full), else `error` naming what happened.
   */
  readonly fault: (error: unknown) => Promise<PullActionResponse>;
}

/** An action reached the flow: the call is not idle. Failing to note it only delays the idle limit, so it is logged. */
export async function markActive({ queue, companyMarker, guid, log, describeFailure }: CallPull): Promise<void> {
  try {
    await queue.markActive(companyMarker, guid);
  } catch (error) {
    log.warn('call activity update failed', { errorMessage: describeFailure(error) });
  }
}

/**
 * The sequence the flow will have received after this answer: the delivered action's, or what it already had (an
 * entry without a number, written by another PushAction, counts 0 and must not move the flow back). `{}` for ASAPP's
 * module.
 */
export function deliveryState(lastSequence: number | undefined, delivered: number | undefined): { sequence?: number } {
  if (lastSequence === undefined) return {};
  return { sequence: Math.max(lastSequence, delivered ?? 0) };
}
