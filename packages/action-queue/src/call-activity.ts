import { conversationStartKey, idleSinceKey, QUEUE_TTL_SECONDS } from './keys';
import type { ValkeyClient } from './valkey-client';

/** What PullAction needs to end a call that has gone quiet or on for too long. Epoch milliseconds. */
export interface CallActivity {
  /** The call's first PullAction. */
  readonly conversationStartedAtMs: number;
  /** The first PullAction since an action was last delivered (or since the start). */
  readonly idleSinceMs: number;
}

function epochMs(key: string, reply: unknown): number {
  const value = Number(reply);
  if (typeof reply !== 'string' || !Number.isFinite(value)) throw new Error(`${key} holds no timestamp`);
  return value;
}

/**
 * Notes a PullAction at `nowMs` and reads the call's activity, in one transaction: both timestamps are set only if
 * absent (SET NX), so they keep the first pull's time, and expire with the queue. Meant to be sent in the same round
 * trip as the pull itself.
 */
export async function observeCallActivity(
  client: ValkeyClient,
  companyMarker: string,
  guid: string,
  nowMs: number,
): Promise<CallActivity> {
  const startKey = conversationStartKey(companyMarker, guid);
  const idleKey = idleSinceKey(companyMarker, guid);
  const now = String(Math.round(nowMs));
  const replies = await client.run((connection) =>
    connection
      .multi()
      .set(startKey, now, 'EX', QUEUE_TTL_SECONDS, 'NX')
      .set(idleKey, now, 'EX', QUEUE_TTL_SECONDS, 'NX')
      .mget(startKey, idleKey)
      .exec(),
  );
  if (replies === null) throw new Error(`transaction on ${startKey} was aborted`);
  for (const [error] of replies) if (error) throw error;
  const [start, idleSince] = (replies[2]?.[1] ?? []) as unknown[];
  return { conversationStartedAtMs: epochMs(startKey, start), idleSinceMs: epochMs(idleKey, idleSince) };
}

/** An action reached the flow: the call is no longer idle (the next pull starts a new idle stretch). */
export async function markCallActive(client: ValkeyClient, companyMarker: string, guid: string): Promise<void> {
  await client.run((connection) => connection.del(idleSinceKey(companyMarker, guid)));
}
