import { createServer, type Socket, connect } from 'node:net';

export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * A loopback TCP proxy in front of a server, standing in for ElastiCache's primary endpoint: on failover the endpoint's
 * DNS name moves to the promoted replica and the clients' existing connections to the old primary break.
 */
export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** Where new connections go. */
  readonly target: ProxyTarget;
  /** New connections go to `target` from now on; existing ones are left as they are (see dropConnections). */
  switchTo(target: ProxyTarget): void;
  /** Resets every open connection, both sides (the client sees ECONNRESET, as when the old primary goes away). */
  dropConnections(): void;
  /** Connections currently open through the proxy. */
  connectionCount(): number;
  close(): Promise<void>;
}

export function startTcpProxy(initialTarget: ProxyTarget): Promise<TcpProxy> {
  let target = initialTarget;
  const pairs = new Set<[Socket, Socket]>();
  const server = createServer((client) => {
    const upstream = connect({ host: target.host, port: target.port });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('could not read the proxy address'));
        return;
      }
      server.unref();
      resolve({
        host: '127.0.0.1',
        port: address.port,
        get target() {
          return target;
        },
        switchTo(next) {
          target = next;
        },
        dropConnections() {
          for (const [client, upstream] of [...pairs]) {
            client.resetAndDestroy();
            upstream.resetAndDestroy();
          }
          pairs.clear();
        },
        connectionCount: () => pairs.size,
        close() {
          for (const [client, upstream] of [...pairs]) {
            client.destroy();
            upstream.destroy();
          }
          pairs.clear();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
