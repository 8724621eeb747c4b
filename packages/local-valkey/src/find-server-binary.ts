import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Preferred first: Valkey is what runs in ElastiCache; redis-server 7 speaks the same protocol. */
const BINARY_NAMES = ['valkey-server', 'redis-server'] as const;

/** Debian puts redis-server in /usr/bin; some images keep daemons in /usr/sbin, which is not always on PATH. */
const FALLBACK_DIRS = ['/usr/bin', '/usr/sbin'] as const;

const INSTALL_HINT =
  'No valkey-server or redis-server found on PATH, /usr/bin or /usr/sbin. ' +
  'Install one (Debian/Ubuntu: `apt-get install -y redis-server`, or `valkey-server` where packaged), ' +
  'or set VALKEY_URL to an existing server.';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name: string, pathVariable: string): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Absolute path of the server to run: valkey-server on PATH, else redis-server on PATH, else either in the
 * fallback directories. Throws with install instructions when there is none.
 */
export function findValkeyServerBinary(
  pathVariable: string = process.env.PATH ?? '',
  fallbackDirs: readonly string[] = FALLBACK_DIRS,
): string {
  for (const name of BINARY_NAMES) {
    const found = findOnPath(name, pathVariable);
    if (found) return found;
  }
  for (const name of BINARY_NAMES) {
    for (const dir of fallbackDirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new Error(INSTALL_HINT);
}
