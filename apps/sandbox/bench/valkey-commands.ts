import { connect } from 'node:net';

/** Where the bench reads the server's counters. */
export interface ValkeyAddress {
  readonly host: string;
  readonly port: number;
  readonly password?: string;
}

/** `INFO commandstats` as calls per command, e.g. `{ blpop: 12, "client|setname": 2 }`. */
export function parseCommandStats(info: string): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (match?.[1] !== undefined) calls[match[1]] = Number(match[2]);
  }
  return calls;
}

/** Calls made between two snapshots, per command; the bench's own INFO is not counted. */
export function commandsBetween(before: Readonly<Record<string, number>>, after: Readonly<Record<string, number>>): Record<string, number> {
  const made: Record<string, number> = {};
  for (const [command, calls] of Object.entries(after)) {
    const count = calls - (before[command] ?? 0);
    if (command !== 'info' && count > 0) made[command] = count;
  }
  return made;
}

/**
 * Commands a client sends once, when it connects (handshake, client name and info); the sandbox connects each call's
 * handlers once, a warm Lambda container once for many calls, so they are counted apart from the per-call traffic.
 * PING is not one: PullAction sends one with every BLPOP.
 */
export function isConnectionSetup(command: string): boolean {
  return /^(auth|hello|select|client\|.*)$/.test(command);
}

function encode(parts: readonly string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/** Reads the server's command counters over raw RESP (the sandbox has no client library of its own). */
export function readCommandStats(address: ValkeyAddress, timeoutMs = 2000): Promise<Record<string, number>> {
  const request = (address.password === undefined ? '' : encode(['AUTH', address.password])) + encode(['INFO', 'commandstats']);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address.host, port: address.port });
    let received = Buffer.alloc(0);
    const fail = (message: string) => {
      socket.destroy();
      reject(new Error(`INFO commandstats on ${address.host}:${address.port}: ${message}`));
    };
    socket.setTimeout(timeoutMs, () => fail('no answer'));
    socket.once('error', (error) => fail(error.message));
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString('latin1');
      if (/^-|\r\n-/.test(text)) return fail(text.trim());
      const header = /\$(\d+)\r\n/.exec(text);
      if (header?.[1] === undefined) return;
      const start = header.index + header[0].length;
      const length = Number(header[1]);
      if (received.length < start + length) return;
      socket.destroy();
      resolve(parseCommandStats(received.subarray(start, start + length).toString('utf8')));
    });
  });
}
