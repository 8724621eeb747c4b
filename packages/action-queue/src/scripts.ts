import { createHash } from 'node:crypto';
import type Valkey from 'iovalkey';

/**
 * Lua run on the server, so that what must happen together does (a push's sequence number and its entry; a pull's
 * acknowledgement, duplicate drop and move to the in-flight list). Entries are stored as `<sequence> <action JSON>`;
 * an entry without the prefix (ASAPP's own PushAction writes bare JSON) counts as sequence 0.
 */
export interface ValkeyScript {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): ValkeyScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/** KEYS: queue, sequence counter. ARGV: action JSON, TTL seconds. Returns the sequence number given. */
export const PUSH_SCRIPT = script(`
local sequence = redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[1], sequence .. ' ' .. ARGV[1])
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
  return tonumber(string.match(entry, '^(%d+) ')) or 0
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

/** The sequence number of a stored entry (0 without one) and the action JSON after it. */
export function splitStoredEntry(entry: string): { readonly sequence: number; readonly json: string } {
  const match = /^(\d+) /.exec(entry);
  return match ? { sequence: Number(match[1]), json: entry.slice(match[0].length) } : { sequence: 0, json: entry };
}
