import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import {
  externalValkeyServer,
  findValkeyServerBinary,
  type LocalValkeyServer,
  startValkeyServer,
} from '@genagent-connect/local-valkey';

/** Where the handlers reach Valkey; `server` is set when the sandbox started it (and so may stop it). */
export interface ValkeyEndpoint {
  readonly host: string;
  readonly port: number;
  readonly password?: string;
  readonly server?: LocalValkeyServer;
}

/** What every simulated call shares: a Valkey server and ASAPP's API, emulated. */
export interface SandboxServices {
  readonly valkey: ValkeyEndpoint;
  readonly emulator: AsappEmulator;
  /** Stops what the sandbox started. Safe to call twice. */
  close(): Promise<void>;
}

/** Setup the user must fix (no server binary, a malformed VALKEY_URL); the CLI exits 2 with the message. */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}

export interface SandboxServicesOptions {
  /** An existing server, `redis://[:password@]host:port`. Default: start valkey-server or redis-server from PATH. */
  readonly valkeyUrl?: string;
}

export async function startSandboxServices(options: SandboxServicesOptions = {}): Promise<SandboxServices> {
  const valkey = options.valkeyUrl ? parseValkeyUrl(options.valkeyUrl) : await startLocalValkey();
  let emulator: AsappEmulator;
  try {
    emulator = await startAsappEmulator();
  } catch (error) {
    await valkey.server?.stop();
    throw error;
  }
  return {
    valkey,
    emulator,
    async close() {
      await Promise.all([emulator.close(), valkey.server?.stop()]);
    },
  };
}

async function startLocalValkey(): Promise<ValkeyEndpoint> {
  try {
    findValkeyServerBinary();
  } catch (error) {
    throw new SetupError((error as Error).message);
  }
  const server = await startValkeyServer();
  return { host: server.host, port: server.port, server };
}

// Not ours to stop, so no `server`: a scenario that would kill it is refused up front.
function parseValkeyUrl(url: string): ValkeyEndpoint {
  let external: LocalValkeyServer;
  try {
    external = externalValkeyServer(url);
  } catch (error) {
    throw new SetupError((error as Error).message);
  }
  const { host, port, password } = external;
  return { host, port, ...(password === undefined ? {} : { password }) };
}
