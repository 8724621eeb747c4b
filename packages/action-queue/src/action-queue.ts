import type Valkey from 'iovalkey';
import { type AsappAction, companyMarkerSchema, guidSchema, parseAsappAction } from './action-schema';
import { blockingMove, blockingPop } from './blocking-pop';
import { type CallActivity, markCallActive, observeCallActivity } from './call-activity';
import { InvalidActionError, InvalidStoredActionError } from './errors';
import { QUEUE_TTL_SECONDS, actionsKey, beepBopCounterKey, inFlightKey, sequenceKey } from './keys';
import { PULL_SCRIPT, PUSH_SCRIPT, runScript, sequenceOfEntry } from './scripts';
import type { ValkeyClient } from './valkey-client';

export interface PullOptions {
  /**
   * 0 (default): LPOP, answer at once (ASAPP's poll mode). Above 0: BLPOP, answer as soon as an action arrives or
   * after this many milliseconds with null; a silent server fails it within the command timeout, not after the
   * wait. A BLPOP occupies the connection, so a long-polling client must not be shared with pushers.
   */
  readonly waitMs?: number;
}

export interface PushOptions {
  /**
   * When the action was pushed (epoch ms), stored with it so the puller can measure how long it waited in the queue.
   * @default not stored
   */
  readonly pushedAt?: number;
}

/** An action as the queue holds it: the action, and when it was pushed if the pusher said so. */
export type QueuedAction = AsappAction & {
  /** Epoch ms of the push (`PushOptions.pushedAt`); absent for entries written without it. */
  readonly pushedAt?: number;
};

/** An action with the sequence number its push was given (per call, from 1). */
export interface SequencedAction {
  readonly action: QueuedAction;
  readonly sequence: number;
}

/** What a push stored, and whether a replica has it. */
export interface PushResult extends SequencedAction {
  /**
   * With replica acknowledgement on: true once the write reached a replica (WAIT), false when WAIT timed out first
   * (stored on the primary only). Undefined when it is off.
   */
  readonly replicated?: boolean;
}

export interface ActionQueueOptions {
  /**
   * After each push, wait (WAIT) for this many replicas to have it, at most timeoutMs, so a failover does not lose what
   * the pusher was told is stored. Default: off (a cache without replicas).
   */
  readonly replicaAcknowledgement?: { readonly replicas: number; readonly timeoutMs: number };
}

/** By default the flow plays the processing cue on the 1st, 7th, 13th… pull of a call (ASAPP's module paces it so). */
const DEFAULT_PROCESSING_CUE_EVERY = 6;

type TransactionReplies = [error: Error | null, result: unknown][] | null;

function assertTransactionSucceeded(replies: TransactionReplies, key: string): unknown[] {
  if (replies === null) throw new Error(`transaction on ${key} was aborted`);
  return replies.map(([error, result]) => {
    if (error) throw error;
    return result;
  });
}

/** Validated once here, as the pull side's identifiers come from the flow rather than from a parsed action. */
function callIdentifiers(companyMarker: string, guid: string): [string, string] {
  for (const [schema, value] of [
    [companyMarkerSchema, companyMarker],
    [guidSchema, guid],
  ] as const) {
    const result = schema.safeParse(value);
    if (!result.success) throw new TypeError(result.error.issues[0]?.message ?? 'invalid call identifier');
  }
  return [companyMarker, guid];
}

function validWaitMs(options: PullOptions): number {
  const waitMs = options.waitMs ?? 0;
  if (!Number.isInteger(waitMs) || waitMs < 0) {
    throw new RangeError(`waitMs must be a whole number of milliseconds >= 0, got ${waitMs}`);
  }
  return waitMs;
}

function parseStoredAction(key: string, entry: string): QueuedAction {
  let json: unknown;
  try {
    json = JSON.parse(entry);
  } catch {
    throw new InvalidStoredActionError(key, 'not valid JSON');
  }
  const parsed = parseAsappAction(json);
  if (!parsed.ok) throw new InvalidStoredActionError(key, parsed.error);
  // The schema drops fields ASAPP does not send, so the queue's own field is read apart; a bad one is ignored.
  const { pushedAt } = json as { pushedAt?: unknown };
  return typeof pushedAt === 'number' && Number.isFinite(pushedAt) ? { ...parsed.action, pushedAt } : parsed.action;
}

/** The per-call FIFO of actions between PushAction (ASAPP) and PullAction (the Connect flow). */
export class ActionQueue {
  constructor(
    private readonly client: ValkeyClient,
    private readonly options: ActionQueueOptions = {},
  ) {}

  /**
   * Validates and appends the action to its call's queue with the call's next sequence number, refreshing the TTLs,
   * in one script. Throws InvalidActionError (nothing stored), ValkeyOutOfMemoryError (nothing stored: the script's
   * first write, INCR, is refused) or ValkeyUnavailableError. Resolves with the action as stored and its sequence,
   * after WAIT when replica acknowledgement is on.
   */
  async push(input: unknown, options: PushOptions = {}): Promise<PushResult> {
    const parsed = parseAsappAction(input);
    if (!parsed.ok) throw new InvalidActionError(parsed.error);
    const action: QueuedAction =
      options.pushedAt === undefined ? parsed.action : { ...parsed.action, pushedAt: options.pushedAt };
    const keys = [actionsKey(action.companyMarker, action.guid), sequenceKey(action.companyMarker, action.guid)];
    const replicaAcknowledgement = this.options.replicaAcknowledgement;
    return this.client.run(async (connection) => {
      const sequence = Number(await runScript(connection, PUSH_SCRIPT, keys, [JSON.stringify(action), QUEUE_TTL_SECONDS]));
      if (!replicaAcknowledgement) return { action, sequence };
      // After the script, not pipelined with it: when EVALSHA falls back to EVAL, the write is the EVAL's.
      const { replicas, timeoutMs } = replicaAcknowledgement;
      const acknowledgedBy = Number(await connection.wait(replicas, timeoutMs));
      return { action, sequence, replicated: acknowledgedBy >= replicas };
    });
  }

  /**
   * Takes the call's oldest action, or null when there is none (within waitMs when long-polling). An entry that is
   * not a valid action is consumed and reported as InvalidStoredActionError.
   */
  async pull(companyMarker: string, guid: string, options: PullOptions = {}): Promise<QueuedAction | null> {
    const key = actionsKey(...callIdentifiers(companyMarker, guid));
    const waitMs = validWaitMs(options);
    const startedAt = performance.now();
    const entry = await this.client.run((connection: Valkey) => {
      if (waitMs === 0) return connection.lpop(key);
      // Time spent getting a connection comes out of the wait, so a pull never takes longer than waitMs plus the
      // command timeout, cold connection or not: PullAction's wait is sized to fit the flow's time limit.
      const remainingMs = Math.max(1, Math.round(waitMs - (performance.now() - startedAt)));
      return blockingPop(connection, key, remainingMs, this.client.commandTimeoutMs);
    });
    return entry === null ? null : parseStoredAction(key, entry);
  }

  /**
   * At-least-once pull: acknowledges every action of the call up to `acknowledged` (the last sequence the flow
   * received; 0 = none yet), then answers the oldest unacknowledged in-flight action again or moves the oldest queued
   * one to the in-flight list (waiting up to waitMs for one when long-polling). An action leaves Valkey only once a
   * later pull acknowledges it, so one whose answer was lost (timed-out reply, failed invocation) is delivered again;
   * queued duplicates of acknowledged actions (after a failover) are dropped. null when there is none.
   */
  async pullReliably(
    companyMarker: string,
    guid: string,
    acknowledged: number,
    options: PullOptions = {},
  ): Promise<SequencedAction | null> {
    const [marker, id] = callIdentifiers(companyMarker, guid);
    if (!Number.isSafeInteger(acknowledged) || acknowledged < 0) {
      throw new RangeError(`the acknowledged sequence must be a whole number >= 0, got ${acknowledged}`);
    }
    const waitMs = validWaitMs(options);
    const [queue, inFlight] = [actionsKey(marker, id), inFlightKey(marker, id)];
    const startedAt = performance.now();
    const entry = await this.client.run(async (connection: Valkey) => {
      const available = await runScript(connection, PULL_SCRIPT, [queue, inFlight, sequenceKey(marker, id)], [
        acknowledged,
        QUEUE_TTL_SECONDS,
      ]);
      if (typeof available === 'string' || waitMs === 0) return typeof available === 'string' ? available : null;
      const remainingMs = Math.max(1, Math.round(waitMs - (performance.now() - startedAt)));
      return blockingMove(connection, queue, inFlight, remainingMs, this.client.commandTimeoutMs);
    });
    if (entry === null) return null;
    const sequence = sequenceOfEntry(entry);
    // Only a blocking move can bring one the flow has (the script drops them): the next pull acknowledges it.
    if (sequence > 0 && sequence <= acknowledged) return null;
    return { action: parseStoredAction(queue, entry), sequence };
  }

  /**
   * Counts this pull for the call and says whether the flow should play the processing cue now: on the 1st pull and
   * then every `every`-th.
   */
  async nextProcessingCue(companyMarker: string, guid: string, every = DEFAULT_PROCESSING_CUE_EVERY): Promise<boolean> {
    const key = beepBopCounterKey(...callIdentifiers(companyMarker, guid));
    const replies = await this.client.run((connection) =>
      connection.multi().incr(key).expire(key, QUEUE_TTL_SECONDS).exec(),
    );
    const [counter] = assertTransactionSucceeded(replies, key);
    return every === 1 || Number(counter) % every === 1;
  }

  /**
   * Notes a pull of the call at `nowMs` (epoch ms) and says since when the call has been going and idle. Send it
   * together with `pull` (same tick): both travel in one round trip.
   */
  async observeActivity(companyMarker: string, guid: string, nowMs: number): Promise<CallActivity> {
    return observeCallActivity(this.client, ...callIdentifiers(companyMarker, guid), nowMs);
  }

  /** An action of the call reached the flow: its idle time starts again at the next pull. */
  async markActive(companyMarker: string, guid: string): Promise<void> {
    return markCallActive(this.client, ...callIdentifiers(companyMarker, guid));
  }
}
