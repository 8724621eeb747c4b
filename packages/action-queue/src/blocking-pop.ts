import type Valkey from 'iovalkey';
import { Command } from 'iovalkey';

/**
 * BLPOP for up to waitMs; resolves with the popped entry or null.
 *
 * iovalkey 0.4 has no `blockingTimeout`: its `commandTimeout` applies to BLPOP as well and would cut every wait
 * short. A Command keeps the first timeout set on it, so setting ours before sendCommand overrides the global one.
 * Ours is longer than the server-side timeout by graceMs: timing out on the client after the server has popped an
 * entry would lose that entry.
 */
export async function blockingPop(connection: Valkey, key: string, waitMs: number, graceMs: number): Promise<string | null> {
  // BLPOP takes seconds, with decimals since Redis 6; 0 would block forever, hence the 1 ms floor.
  const timeoutSeconds = (Math.max(waitMs, 1) / 1000).toFixed(3);
  const command = new Command('blpop', [key, timeoutSeconds], { replyEncoding: 'utf8' });
  command.setTimeout(waitMs + graceMs);
  const reply = await connection.sendCommand(command);
  // The reply is [key, value], or null when the wait ended with nothing pushed.
  return Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : null;
}
