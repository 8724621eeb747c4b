import type Valkey from 'iovalkey';
import { Command } from 'iovalkey';

/**
 * BLPOP for up to waitMs; resolves with the popped entry or null.
 *
 * iovalkey 0.4 has no `blockingTimeout`: its `commandTimeout` applies to BLPOP as well and would cut every wait
 * short. A Command keeps the first timeout set on it, so setting ours before sendCommand overrides the global one.
 * Ours is longer than the server-side timeout by graceMs: timing out on the client after the server has popped an
 * entry would lose that entry.
 *
 * A silent server (paused, partitioned, failing over) looks like an empty queue to a BLPOP until its whole wait is
 * over. A PING sent ahead of it, in the same round trip, is held to the client's command timeout: when it times out
 * the client drops the connection, which fails the BLPOP too, so a dead Valkey is an error within that timeout.
 */
export async function blockingPop(connection: Valkey, key: string, waitMs: number, graceMs: number): Promise<string | null> {
  const reply = await blockingCommand(connection, 'blpop', [key], waitMs, graceMs);
  // The reply is [key, value], or null when the wait ended with nothing pushed.
  return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : null;
}

/** BLMOVE from the head of `from` to the tail of `to` for up to waitMs, as blockingPop: the moved entry or null. */
export async function blockingMove(
  connection: Valkey,
  from: string,
  to: string,
  waitMs: number,
  graceMs: number,
): Promise<string | null> {
  const reply = await blockingCommand(connection, 'blmove', [from, to, 'LEFT', 'RIGHT'], waitMs, graceMs);
  return typeof reply === 'string' ? reply : null;
}

async function blockingCommand(
  connection: Valkey,
  name: string,
  args: readonly string[],
  waitMs: number,
  graceMs: number,
): Promise<unknown> {
  // Blocking commands take seconds, with decimals since Redis 6; 0 would block forever, hence the 1 ms floor.
  const timeoutSeconds = (Math.max(waitMs, 1) / 1000).toFixed(3);
  const command = new Command(name, [...args, timeoutSeconds], { replyEncoding: 'utf8' });
  command.setTimeout(waitMs + graceMs);
  const [, reply] = await Promise.all([connection.ping(), connection.sendCommand(command)]);
  return reply;
}
