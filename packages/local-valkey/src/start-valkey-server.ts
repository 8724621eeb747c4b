import { externalValkeyServer } from './external-server';
import { findValkeyServerBinary } from './find-server-binary';
import { findFreePort } from './free-port';
import { rawCommand } from './raw-command';
import { launchServer, PortInUseError, type RunningServer } from './server-process';

const LOOPBACK = '127.0.0.1';
const PORT_ATTEMPTS = 5;

export interface StartValkeyServerOptions {
  /** Starts the server with --requirepass, for AUTH tests. Default: no password. */
  readonly password?: string;
  /** How long to wait for the first PONG. Default 10000 ms (slow CI machines). */
  readonly startTimeoutMs?: number;
  /**
   * Starts a replica of this server (`replicaof`, same password): resolves once its link to the primary is up and the
   * initial sync is done. `command(['REPLICAOF', 'NO', 'ONE'])` promotes it, as a failover does.
   */
  readonly replicaOf?: LocalValkeyServer;
}

/** A throwaway server on 127.0.0.1 with no persistence. */
export interface LocalValkeyServer {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, with `:<password>@` when started with a password. */
  readonly url: string;
  /** Absolute path of the server binary that runs (valkey-server or redis-server), or EXTERNAL_SERVER_BINARY. */
  readonly binary: string;
  readonly password?: string;
  /** SIGTERM, resolves once the process has exited. No-op when already stopped. */
  stop(): Promise<void>;
  /** Stops if running, then starts again on the same port (empty, as nothing is persisted). */
  restart(): Promise<void>;
  /** SIGKILL, resolves once the process has exited: simulates a crash. */
  kill(): Promise<void>;
  /**
   * SIGSTOP: the server keeps its port and the kernel still accepts connections, but nothing is answered,
   * like a host lost to a network partition. Undo with resume().
   */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Sends one admin command (INFO, REPLICAOF, CONFIG…) on a fresh connection; resolves with the reply's text. */
  command(parts: readonly string[]): Promise<string>;
}

class LocalValkeyServerProcess implements LocalValkeyServer {
  readonly host = LOOPBACK;
  readonly url: string;

  constructor(
    readonly binary: string,
    readonly port: number,
    readonly password: string | undefined,
    private readonly startTimeoutMs: number,
    private running: RunningServer | undefined,
    private readonly replicaOf: LocalValkeyServer | undefined,
  ) {
    const credentials = password === undefined ? '' : `:${encodeURIComponent(password)}@`;
    this.url = `redis://${credentials}${this.host}:${port}`;
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  pause(): void {
    this.running?.signal('SIGSTOP');
  }

  resume(): void {
    this.running?.signal('SIGCONT');
  }

  command(parts: readonly string[]): Promise<string> {
    return rawCommand(this.host, this.port, parts, { password: this.password });
  }

  async restart(): Promise<void> {
    await this.stop();
    this.running = await launchServer({
      binary: this.binary,
      host: this.host,
      port: this.port,
      password: this.password,
      startTimeoutMs: this.startTimeoutMs,
      replicaOf: this.replicaOf,
    });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const running = this.running;
    this.running = undefined;
    // A stopped (paused) process ignores SIGTERM until continued.
    running?.signal('SIGCONT');
    await running?.signalAndWait(signal);
  }
}

function localBinaryOrExternalServer(password: string | undefined): string | LocalValkeyServer {
  try {
    return findValkeyServerBinary();
  } catch (noBinary) {
    const url = process.env.VALKEY_URL;
    if (url === undefined || url === '') throw noBinary;
    if (password !== undefined) {
      throw new Error('the password option needs a server this process starts; VALKEY_URL cannot provide one');
    }
    return externalValkeyServer(url);
  }
}

/**
 * Starts valkey-server (or redis-server) on a free 127.0.0.1 port and resolves once it answers PING.
 * The process is killed when this Node process exits, even if stop() is never called.
 * Only when neither binary is installed, VALKEY_URL (redis://[:password@]host:port) names a server to use instead.
 */
export async function startValkeyServer(options: StartValkeyServerOptions = {}): Promise<LocalValkeyServer> {
  const { startTimeoutMs = 10_000, replicaOf } = options;
  const password = options.password ?? replicaOf?.password;
  const binary = localBinaryOrExternalServer(password);
  if (typeof binary !== 'string') {
    if (replicaOf) throw new Error('a replica needs a server binary this process can start; VALKEY_URL cannot provide one');
    return binary;
  }
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort(LOOPBACK);
    try {
      const running = await launchServer({ binary, host: LOOPBACK, port, password, startTimeoutMs, replicaOf });
      const server = new LocalValkeyServerProcess(binary, port, password, startTimeoutMs, running, replicaOf);
      if (replicaOf) await waitForReplicaLink(server, startTimeoutMs);
      return server;
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/** Until INFO replication says the link to the primary is up and the first sync is over. */
async function waitForReplicaLink(server: LocalValkeyServer, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let info = '';
  while (Date.now() < deadline) {
    info = await server.command(['INFO', 'replication']).catch((error: Error) => error.message);
    if (/master_link_status:up/.test(info) && /master_sync_in_progress:0/.test(info)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await server.kill();
  throw new Error(`replica on port ${server.port} did not finish syncing within ${timeoutMs} ms:\n${info}`);
}
