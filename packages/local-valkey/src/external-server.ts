import { rawCommand } from './raw-command';
import type { LocalValkeyServer } from './start-valkey-server';

/** What `binary` says for a server found through VALKEY_URL. */
export const EXTERNAL_SERVER_BINARY = 'external (VALKEY_URL)';

function notOwned(operation: string): never {
  throw new Error(
    `${operation}() needs a server this process started, but VALKEY_URL points to one it does not own. ` +
      'Install redis-server or valkey-server to run this test.',
  );
}

/**
 * A server someone else runs, for machines without a server binary. Good for tests that only need a server;
 * stop() leaves it running (it is not ours), and restart/kill/pause/resume refuse.
 */
export function externalValkeyServer(url: string): LocalValkeyServer {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`VALKEY_URL must look like redis://[:password@]host:port, got an unparsable value`);
  }
  if (parsed.protocol !== 'redis:') {
    throw new Error(`VALKEY_URL must use redis:// (TLS is not supported for test servers), got ${parsed.protocol}//`);
  }
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  return {
    host: parsed.hostname,
    port,
    url,
    binary: EXTERNAL_SERVER_BINARY,
    password,
    stop: async () => undefined,
    restart: async () => notOwned('restart'),
    kill: async () => notOwned('kill'),
    pause: () => notOwned('pause'),
    resume: () => notOwned('resume'),
    command: (parts) => rawCommand(parsed.hostname, port, parts, { password }),
  };
}
