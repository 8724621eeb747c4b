import { ActionQueue, lazyValkeyClient, ValkeyOutOfMemoryError, ValkeyUnavailableError } from '@genagent-connect/action-queue';
import type { ValkeyAuthSource, ValkeyConfig } from './config/valkey-config';
import { errorMessageOf } from './errors';
import { readSecretFromSecretsManager, SecretError, type SecretReader } from './secrets';

/** Budget for connecting and for each non-blocking command: a dead Valkey must show as an error well inside 1 s. */
export const VALKEY_TIMEOUT_MS = 400;

/**
 * WAIT's bound when the cache has replicas: replication within a region normally takes well under a millisecond, so
 * this only matters when a replica is slow or failing; the push then answers `ok: true` anyway (logged), as refusing
 * it would make ASAPP retry a write the primary already holds. Under VALKEY_TIMEOUT_MS, so WAIT's reply is read.
 */
export const REPLICA_ACK_TIMEOUT_MS = 200;

async function authPassword(auth: ValkeyAuthSource | undefined, readSecret: SecretReader): Promise<string | undefined> {
  if (!auth) return undefined;
  if (auth.kind === 'password') return auth.password;
  let token: unknown;
  try {
    token = await readSecret(auth.secretArn, { json: false });
  } catch (error) {
    throw new SecretError(`could not read Valkey AUTH secret ${auth.secretArn} - ${errorMessageOf(error)}`);
  }
  if (typeof token !== 'string' || token === '') {
    throw new SecretError(`Valkey AUTH secret ${auth.secretArn} must hold the token as a non-empty string`);
  }
  return token;
}

/** The container's action queue and a way to close its connection (tests and scripts; Lambda never closes it). */
export interface ContainerActionQueue {
  readonly queue: ActionQueue;
  close(): Promise<void>;
}

/**
 * The container's action queue: one Valkey connection, opened on first use (after the AUTH token, if any, has been
 * read) and reused by every later invocation. A failed token read is retried on the next invocation.
 */
export function createActionQueueFromConfig(
  config: ValkeyConfig,
  /** Shown by CLIENT LIST, e.g. the function's name. Default: unnamed (saves a round trip when connecting). */
  connectionName: string | undefined,
  readSecret: SecretReader = readSecretFromSecretsManager,
): ContainerActionQueue {
  const client = lazyValkeyClient({
    host: config.host,
    port: config.port,
    tls: config.tls,
    loadPassword: () => authPassword(config.auth, readSecret),
    connectTimeoutMs: VALKEY_TIMEOUT_MS,
    commandTimeoutMs: VALKEY_TIMEOUT_MS,
    connectionName,
  });
  // One replica is enough: a failover promotes a replica, and WAIT for every replica would make the slowest one
  // every push's latency.
  const replicaAcknowledgement = config.replicas > 0 ? { replicas: 1, timeoutMs: REPLICA_ACK_TIMEOUT_MS } : undefined;
  return { queue: new ActionQueue(client, { replicaAcknowledgement }), close: () => client.close() };
}

/** `error connecting to Valkey - …` when Valkey (or its AUTH token) was out of reach, else undefined. */
export function valkeyConnectionFailure(error: unknown): string | undefined {
  return error instanceof ValkeyUnavailableError || error instanceof SecretError
    ? `error connecting to Valkey - ${errorMessageOf(error)}`
    : undefined;
}

/**
 * `Valkey is out of memory (maxmemory reached)` when Valkey refused a write for lack of memory, else undefined. With
 * noeviction (which a queue needs: an evicted queue loses a live call's actions) a full cache refuses writes.
 */
export function valkeyOutOfMemory(error: unknown): string | undefined {
  return error instanceof ValkeyOutOfMemoryError ? error.message : undefined;
}

/**
 * What a Valkey fault did (`Valkey is out of memory …`, `error connecting to Valkey - …`), or undefined when the error is
 * not one: an outage or a full cache, which a failover, a restart or a drained queue ends.
 */
export function valkeyFault(error: unknown): string | undefined {
  return valkeyOutOfMemory(error) ?? valkeyConnectionFailure(error);
}
