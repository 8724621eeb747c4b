import { type LocalValkeyServer, startTcpProxy, startValkeyServer } from '@genagent-connect/local-valkey';

/**
 * For a call that fails over: a replica of the sandbox's Valkey and, in front of the primary, a loopback endpoint the
 * call's handlers use, as ElastiCache's primary endpoint. The failover kills the primary, promotes the replica, moves
 * the endpoint to it and resets the open connections, as ElastiCache does.
 */
export interface FailoverTopology {
  readonly endpoint: { readonly host: string; readonly port: number; readonly password?: string };
  failover(): Promise<void>;
  /** Closes the endpoint and the replica, and restarts the primary if it was killed, for the next call. */
  close(): Promise<void>;
}

export async function startFailoverTopology(primary: LocalValkeyServer): Promise<FailoverTopology> {
  const replica = await startValkeyServer({ replicaOf: primary });
  const proxy = await startTcpProxy(primary);
  let failedOver = false;
  return {
    endpoint: { host: proxy.host, port: proxy.port, ...(primary.password === undefined ? {} : { password: primary.password }) },
    async failover() {
      failedOver = true;
      await primary.kill();
      await replica.command(['REPLICAOF', 'NO', 'ONE']);
      proxy.switchTo(replica);
      proxy.dropConnections();
    },
    async close() {
      await proxy.close();
      await replica.stop();
      if (failedOver) await primary.restart();
    },
  };
}
