import { createValkeyClient, type ValkeyClient } from '@genagent-connect/action-queue';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
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

/** The push, poll and long-poll containers of a test file, on one server of its own, plus an inspector. */
export interface HandlerContainers {
  readonly server: LocalValkeyServer;
  readonly pushContainer: ContainerActionQueue;
  readonly pullContainer: ContainerActionQueue;
  readonly longPollContainer: ContainerActionQueue;
  readonly raw: ValkeyClient;
}

/** Starts them before the file's tests and stops them after; read the fields inside tests, not at import. */
export function useHandlerContainers(): HandlerContainers {
  const containers = {} as { -readonly [Field in keyof HandlerContainers]: HandlerContainers[Field] };
  beforeAll(async () => {
    containers.server = await startValkeyServer();
    containers.pushContainer = containerQueue(containers.server, 'push-action');
    containers.pullContainer = containerQueue(containers.server, 'pull-action');
    containers.longPollContainer = containerQueue(containers.server, 'pull-action-long-poll');
    containers.raw = inspector(containers.server);
  });
  afterAll(async () => {
    const { pushContainer, pullContainer, longPollContainer, raw, server } = containers;
    await Promise.all([pushContainer.close(), pullContainer.close(), longPollContainer.close(), raw.close()]);
    await server.stop();
  });
  return containers;
}

/**
 * Fills the server's memory under noeviction, as a production cache that reached maxmemory: maxmemory a little above
 * what is used, then ballast keys until the server refuses one with OOM.
 */
export async function fillToMaxmemory(client: ValkeyClient, headroomBytes: number): Promise<void> {
  await client.run(async (connection) => {
    const usedMemory = Number(/used_memory:(\d+)/.exec(await connection.info('memory'))?.[1]);
    await connection.config('SET', 'maxmemory-policy', 'noeviction');
    await connection.config('SET', 'maxmemory', String(usedMemory + headroomBytes));
    for (let index = 0; ; index += 1) {
      try {
        await connection.set(`ballast:${index}`, 'x'.repeat(8192));
      } catch (error) {
        if ((error as Error).message.startsWith('OOM ')) return;
        throw error;
      }
    }
  });
}
