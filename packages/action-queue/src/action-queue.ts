import type Valkey from 'iovalkey';
import { type AsappAction, companyMarkerSchema, guidSchema, parseAsappAction } from './action-schema';
import { blockingPop } from './blocking-pop';
import { type CallActivity, markCallActive, observeCallActivity } from './call-activity';
import { InvalidActionError, InvalidStoredActionError } from './errors';
import { QUEUE_TTL_SECONDS, actionsKey, beepBopCounterKey } from './keys';
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
  constructor(private readonly client: ValkeyClient) {}

  /**
   * Validates and appends the action to its call's queue, refreshing the queue's TTL in the same transaction.
   * Throws InvalidActionError (nothing stored), ValkeyOutOfMemoryError (nothing stored: MULTI/EXEC is all or
   * nothing) or ValkeyUnavailableError. Resolves with the action as stored.
   */
  async push(input: unknown, options: PushOptions = {}): Promise<QueuedAction> {
    const parsed = parseAsappAction(input);
    if (!parsed.ok) throw new InvalidActionError(parsed.error);
    const action: QueuedAction = options.pushedAt === undefined ? parsed.action : { ...parsed.action, pushedAt: options.pushedAt };
    const key = actionsKey(action.companyMarker, action.guid);
    const replies = await this.client.run((connection) =>
      connection.multi().rpush(key, JSON.stringify(action)).expire(key, QUEUE_TTL_SECONDS).exec(),
    );
    assertTransactionSucceeded(replies, key);
    return action;
  }

  /**
   * Takes the call's oldest action, or null when there is none (within waitMs when long-polling). An entry that is
   * not a valid action is consumed and reported as InvalidStoredActionError.
   */
  async pull(companyMarker: string, guid: string, options: PullOptions = {}): Promise<QueuedAction | null> {
    const key = actionsKey(...callIdentifiers(companyMarker, guid));
    const waitMs = options.waitMs ?? 0;
    if (!Number.isInteger(waitMs) || waitMs < 0) {
      throw new RangeError(`waitMs must be a whole number of milliseconds >= 0, got ${waitMs}`);
    }
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
