import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RemoteCacheServer {
  /** http://127.0.0.1:<port>: what TURBO_API is set to. */
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

const serverBin = join(__dirname, '..', '..', 'node_modules', '.bin', 'turborepo-remote-cache');

/**
 * turborepo-remote-cache (the server teams self-host) on an ephemeral loopback port, storing artifacts in a temp
 * directory, accepting one bearer token. It keeps and returns the clients' artifact signatures (x-artifact-tag) only
 * when it has TURBO_REMOTE_CACHE_SIGNATURE_KEY itself; the clients verify them with theirs.
 */
export function startRemoteCacheServer(token: string, signatureKey: string): Promise<RemoteCacheServer> {
  const storage = mkdtempSync(join(tmpdir(), 'turbo-remote-cache-'));
  const child: ChildProcess = spawn(serverBin, [], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      TURBO_TOKEN: token,
      TURBO_REMOTE_CACHE_SIGNATURE_KEY: signatureKey,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storage,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      LOG_LEVEL: 'info',
      ENABLE_STATUS_LOG: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => {
        rmSync(storage, { recursive: true, force: true });
        resolve();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening at (http:\/\/127\.0\.0\.1:\d+)/i.exec(output);
      if (listening?.[1]) {
        child.stdout?.off('data', onData);
        resolve({ url: listening[1], token, close });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`turborepo-remote-cache exited with ${code} before listening:\n${output}`)));
  });
}
