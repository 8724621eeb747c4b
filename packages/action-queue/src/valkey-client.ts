import Valkey from 'iovalkey';
import { canTakeCommands, waitUntilReady } from './connection-gate';
import { ValkeyOutOfMemoryError, ValkeyUnavailableError } from './errors';

export interface ValkeyClientConfig {
  readonly host: string;
  readonly port: number;
  /** In-transit encryption (ElastiCache TLS), verified against Node's CA store. Default false. */
  readonly tls?: boolean;
  /** AUTH token. Default: none. */
  readonly password?: string;
  /** Longest wait for a usable connection (TCP, TLS, AUTH, ready check). Default 500 ms. */
  readonly connectTimeoutMs?: number;
  /** Longest wait for the reply to a non-blocking command. Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Sent as CLIENT SETNAME so the connection is recognisable in CLIENT LIST. Default: unnamed. */
  readonly connectionName?: string;
}

/** One connection per Lambda container, reused across invocations and re-established after Valkey restarts. */
export interface ValkeyClient {
  /** Milliseconds a non-blocking command may take; blocking commands add it to their wait as a grace period. */
  readonly commandTimeoutMs: number;
  /**
   * Runs commands once the connection is usable. Rejects with ValkeyUnavailableError when Valkey cannot be reached
   * within connectTimeoutMs, or when the connection is lost or silent during the operation, and with
   * ValkeyOutOfMemoryError when a write meets maxmemory.
   */
  run<T>(operation: (connection: Valkey) => Promise<T>): Promise<T>;
  /** Closes the connection (for tests and scripts; Lambdas keep theirs for the container's lifetime). */
  close(): Promise<void>;
}

export const DEFAULT_VALKEY_TIMEOUT_MS = 500;
/** Reconnect quickly (the flow polls every ~0.4-1 s) but do not spin against a server that is down. */
const MAX_RECONNECT_DELAY_MS = 200;

/**
 * A write refused at maxmemory: `-OOM command not allowed …`, or, inside MULTI, an EXECABORT whose queued commands
 * were refused so (iovalkey lists those under `previousErrors`), or EXEC itself refused with OOM.
 */
function isOutOfMemoryReply(error: unknown): boolean {
  const isOom = (candidate: unknown) => candidate instanceof Error && candidate.message.startsWith('OOM ');
  const previousErrors = (error as { previousErrors?: unknown } | null)?.previousErrors;
  return isOom(error) || (Array.isArray(previousErrors) && previousErrors.some(isOom));
}

class IovalkeyClient implements ValkeyClient {
  readonly commandTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly connection: Valkey;
  private lastError: Error | undefined;

  constructor(config: ValkeyClientConfig) {
    this.connectTimeoutMs = config.connectTimeoutMs ?? DEFAULT_VALKEY_TIMEOUT_MS;
    this.commandTimeoutMs = config.commandTimeoutMs ?? DEFAULT_VALKEY_TIMEOUT_MS;
    this.connection = new Valkey({
      host: config.host,
      port: config.port,
      password: config.password,
      tls: config.tls ? {} : undefined,
      connectionName: config.connectionName,
      // Connect on first use, not at import: a Lambda's init phase should not fail on a cold Valkey.
      lazyConnect: true,
      connectTimeout: this.connectTimeoutMs,
      commandTimeout: this.commandTimeoutMs,
      // Fail fast instead of queueing: PullAction has 3 s in total and an error must surface well within it.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // RPUSH, LPOP and INCR are not idempotent: never resend one whose reply was lost with the connection.
      autoResendUnfulfilledCommands: false,
      // Never give up reconnecting: the same container must work again once Valkey is back.
      retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
      // We only disconnect to drop a silent peer; waiting for its FIN (2 s by default) would delay the reconnect.
      disconnectTimeout: 0,
    });
    // Remembered to explain a failed connection; also keeps iovalkey from printing "Unhandled error event".
    this.connection.on('error', (error: Error) => {
      this.lastError = error;
    });
    // An error from an earlier outage would mislead the explanation of the next one.
    this.connection.on('ready', () => {
      this.lastError = undefined;
    });
  }

  async run<T>(operation: (connection: Valkey) => Promise<T>): Promise<T> {
    await waitUntilReady(this.connection, this.connectTimeoutMs, () => this.lastError);
    try {
      return await operation(this.connection);
    } catch (error) {
      throw this.classify(error);
    }
  }

  async close(): Promise<void> {
    if (this.connection.status === 'ready') {
      await this.connection.quit().catch(() => this.connection.disconnect());
    } else {
      this.connection.disconnect();
    }
  }

  private classify(error: unknown): unknown {
    if (isOutOfMemoryReply(error)) return new ValkeyOutOfMemoryError({ cause: error });
    if (error instanceof Error && error.message === 'Command timed out') {
      // A silent peer (failover, network loss) keeps the socket "ready" until TCP notices, possibly for minutes;
      // reconnecting now lets the next call reach the new primary.
      this.connection.disconnect(true);
      return new ValkeyUnavailableError(`Valkey timed out: no reply within ${this.commandTimeoutMs} ms`, {
        cause: error,
        commandSent: true,
      });
    }
    if (!canTakeCommands(this.connection)) {
      // iovalkey reports this as "Reached the max retries per request limit", which misleads more than it explains.
      return new ValkeyUnavailableError('Valkey dropped the connection before the reply arrived', {
        cause: error,
        commandSent: true,
      });
    }
    return error;
  }
}

/** A client with fail-fast timeouts and automatic reconnection; it connects on first use. */
export function createValkeyClient(config: ValkeyClientConfig): ValkeyClient {
  return new IovalkeyClient(config);
}
