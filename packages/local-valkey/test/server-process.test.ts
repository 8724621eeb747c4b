import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchServer } from '../src/server-process';

describe('launchServer failures', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'server-process-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const script = (name: string, body: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  const launch = (binary: string, startTimeoutMs = 5000) =>
    launchServer({ binary, host: '127.0.0.1', port: 1, startTimeoutMs });

  it('reports the output of a server that exits during startup', async () => {
    const binary = script('exits', 'echo "FATAL: bad config" >&2; exit 1');
    await expect(launch(binary)).rejects.toThrow(/exited during startup.*FATAL: bad config/s);
  });

  it('reports a server that never answers PING, with its output, and kills it', async () => {
    const binary = script('silent', 'echo "still booting"; exec sleep 30');
    await expect(launch(binary, 300)).rejects.toThrow(/did not answer PING.*within 300 ms.*still booting/s);
  });

  it('reports a binary that cannot be run', async () => {
    await expect(launch(join(dir, 'missing'))).rejects.toThrow(/could not run .*missing.*ENOENT/);
  });
});
