import { createValkeyClient, type ValkeyClient } from '@genagent-connect/action-queue';
import type { LocalValkeyServer } from '@genagent-connect/local-valkey';
import { type ContainerActionQueue, createActionQueueFromConfig } from '../../src/valkey';

/** A Lambda container's queue against the local server, as the environment wiring builds it. */
export function containerQueue(
  server: { readonly host: string; readonly port: number },
  connectionName: string,
  replicas = 0,
): ContainerActionQueue {
  return createActionQueueFromConfig({ host: server.host, port: server.port, tls: false, auth: undefined, replicas }, connectionName);
}

/** A separate connection for looking at the server from outside the handlers (TTL, LLEN, CLIENT LIST). */
export function inspector(server: LocalValkeyServer): ValkeyClient {
  return createValkeyClient({ host: server.host, port: server.port, connectionName: 'test-inspector' });
}

/** Names of the server's client connections, from CLIENT LIST. */
export async function connectionNames(client: ValkeyClient): Promise<string[]> {
  const list = await client.run((connection) => connection.client('LIST') as Promise<string>);
  return list
    .trim()
    .split('\n')
    .map((line) => /\bname=(\S*)/.exec(line)?.[1] ?? '');
}
