import { connect } from 'node:net';

export interface PingOptions {
  /** Sent with AUTH before PING when the server was started with --requirepass. */
  readonly password?: string;
  /** Gives up after this long. Default 1000 ms. */
  readonly timeoutMs?: number;
}

export function encodeCommand(parts: readonly string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/**
 * Resolves true when the server answers PONG, false on any failure (refused, closed, error reply, timeout).
 * Raw RESP over a socket, so this package needs no client library.
 */
export function pingValkey(host: string, port: number, options: PingOptions = {}): Promise<boolean> {
  const { password, timeoutMs = 1000 } = options;
  const request =
    (password === undefined ? '' : encodeCommand(['AUTH', password])) + encodeCommand(['PING']);
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = '';
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('close', () => finish(false));
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (received.startsWith('-')) finish(false);
      else if (received.includes('+PONG\r\n')) finish(true);
    });
  });
}
