import { connect } from 'node:net';
import { encodeCommand } from './ping';

export interface RawCommandOptions {
  readonly password?: string;
  /** Default 1000 ms. */
  readonly timeoutMs?: number;
}

/**
 * Sends one command over a fresh socket and resolves with the first reply's text (bulk strings unwrapped, `+OK` as
 * `OK`); rejects on an error reply, a timeout or a closed socket. Raw RESP, so this package needs no client library;
 * enough for the few admin commands the helpers send (INFO, REPLICAOF).
 */
export function rawCommand(host: string, port: number, parts: readonly string[], options: RawCommandOptions = {}): Promise<string> {
  const { password, timeoutMs = 1000 } = options;
  const request = (password === undefined ? '' : encodeCommand(['AUTH', password])) + encodeCommand(parts);
  const skip = password === undefined ? 0 : 1;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (error: Error | undefined, reply?: string) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(reply ?? '');
    };
    socket.setTimeout(timeoutMs, () => finish(new Error(`${parts[0]} on ${host}:${port}: no reply within ${timeoutMs} ms`)));
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish(new Error(`${parts[0]} on ${host}:${port}: connection closed before the reply`)));
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const replies = parseReplies(received);
      if (replies.length <= skip) return;
      const reply = replies[skip] as string | Error;
      if (replies[0] instanceof Error) finish(replies[0]);
      else if (reply instanceof Error) finish(reply);
      else finish(undefined, reply);
    });
  });
}

/** Complete simple, error, integer and bulk replies at the start of `buffer`. */
function parseReplies(buffer: Buffer): (string | Error)[] {
  const replies: (string | Error)[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const type = String.fromCharCode(buffer[offset] ?? 0);
    const line = buffer.toString('utf8', offset + 1, lineEnd);
    if (type === '$') {
      const length = Number(line);
      if (length < 0) {
        replies.push('');
        offset = lineEnd + 2;
        continue;
      }
      if (buffer.length < lineEnd + 2 + length + 2) break;
      replies.push(buffer.toString('utf8', lineEnd + 2, lineEnd + 2 + length));
      offset = lineEnd + 2 + length + 2;
    } else {
      replies.push(type === '-' ? new Error(line) : line);
      offset = lineEnd + 2;
    }
  }
  return replies;
}
