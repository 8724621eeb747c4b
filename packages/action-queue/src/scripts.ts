import { createHash } from 'node:crypto';
import type Valkey from 'iovalkey';

/**
 * Lua run on the server, so that what must happen together does (a push's sequence number and its entry; a pull's
 * acknowledgement, duplicate drop and move to the in-flight list). Entries are the action's JSON with its sequence
 * number as the first field, `{"sequence":7,"action":"speak",…}`: still an action to any reader that ignores unknown
 * fields (ASAPP's own PullAction), and cheap to read in Lua. An entry without it (ASAPP's own PushAction writes the
 * bare event) counts as sequence 0.
 */
export interface ValkeyScript {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): ValkeyScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * KEYS: queue, sequence counter. ARGV: the action's JSON (an object with at least one field), TTL seconds. Returns
 * the sequence number given.
 */
export const PUSH_SCRIPT = script(`
local sequence = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[1], '{"sequence":' .. sequence .. ',' .. string.sub(ARGV[1], 2))
redis.call('EXPIRE', KEYS[1], ARGV[2])
return sequence
`);

/**
 * KEYS: queue, in-flight list, sequence counter. ARGV: the flow's last received sequence, TTL seconds.
 * 1. Deletes the in-flight entries the flow has acknowledged (sequence <= ARGV[1]).
 * 2. Answers the oldest unacknowledged in-flight entry again, if any (its earlier answer never reached the flow).
 * 3. Drops queued entries the flow already has (sequence <= ARGV[1]: a replica promoted by a failover may still hold
 *    actions acknowledged on the old primary), and moves the sequence counter up to the flow's, so pushes after such a
 *    failover are not taken for duplicates.
 * 4. Moves the oldest queued entry to the in-flight list and answers it. A full cache (noeviction) refuses LMOVE: the
 *    entry is then answered where it is, and step 3 deletes it once acknowledged.
 */
export const PULL_SCRIPT = script(`
local acknowledged = tonumber(ARGV[1])
local function sequenceOf(entry)
  return tonumber(string.match(entry, '^{"sequence":(%d+),')) or 0
end
while true do
  local head = redis.call('LINDEX', KEYS[2], 0)
  if not head or sequenceOf(head) > acknowledged then break end
  redis.call('LPOP', KEYS[2])
end
local unacknowledged = redis.call('LINDEX', KEYS[2], 0)
if unacknowledged then return unacknowledged end
while true do
  local head = redis.call('LINDEX', KEYS[1], 0)
  if not head then break end
  local sequence = sequenceOf(head)
  if sequence == 0 or sequence > acknowledged then break end
  redis.call('LPOP', KEYS[1])
end
if acknowledged > 0 and tonumber(redis.call('GET', KEYS[3]) or '0') < acknowledged then
  redis.pcall('SET', KEYS[3], acknowledged, 'EX', ARGV[2])
end
local moved = redis.pcall('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
if type(moved) == 'table' and moved.err then
  if string.sub(moved.err, 1, 4) ~= 'OOM ' then return redis.error_reply(moved.err) end
  return redis.call('LINDEX', KEYS[1], 0)
end
if moved then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return moved
`);

/** EVALSHA, and EVAL when the server does not have the script yet (first use, restart, a promoted replica). */
export async function runScript(
  connection: Valkey,
  { source, sha1 }: ValkeyScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await connection.evalsha(sha1, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return connection.eval(source, keys.length, ...keys, ...args);
  }
}

/** The sequence number of a stored entry, 0 without one (as the scripts read it). */
export function sequenceOfEntry(entry: string): number {
  const match = /^\{"sequence":(\d+),/.exec(entry);
  return match ? Number(match[1]) : 0;
}

/** How PUSH_SCRIPT stores an action (for tests and tools that write entries themselves). */
export function storedEntry(sequence: number, action: unknown): string {
  return `{"sequence":${sequence},${JSON.stringify(action).slice(1)}`;
}
