import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRANSCRIPT_FORMAT, type Transcript } from '../src';

// Each test starts a fresh tsx process (it compiles the workspace's TypeScript on start) with real servers: generous
// limits, so a loaded CI machine cannot trip them, the process's own below jest's so its output still gets reported.
const RUN_LIMIT_MS = 60_000;
jest.setTimeout(RUN_LIMIT_MS + 30_000);

const APP_DIR = join(__dirname, '..');
const TSX_CLI = require.resolve('tsx/cli');

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pnpm sandbox` as the root script does (tsx src/main.ts), from the app directory. */
function sandbox(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSX_CLI, 'src/main.ts', ...args], { cwd: APP_DIR, timeout: RUN_LIMIT_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

describe('sandbox CLI', () => {
  it('prints the scenario as JSON and exits 0 once the call matched its expectations', async () => {
    const run = await sandbox(['--scenario', 'scenarios/greeting-and-disengage.json', '--json', '--time-scale', '100']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const transcript = JSON.parse(run.stdout) as Transcript;
    expect(transcript).toMatchObject({
      format: TRANSCRIPT_FORMAT,
      scenario: 'greeting-and-disengage',
      timeScale: 100,
      outcome: { disposition: 'disengage', endReason: 'disconnected' },
    });
    expect(transcript.entries.at(-1)?.kind).toBe('disconnect');
  });

  it('rejects a bad scenario file with exit 2 and one line per bad field, before starting anything', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-cli-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ mode: 'phone', conversation: [{ atMs: 100, push: { action: 'speak' }, caller: 'hi' }], asapp: { engage: { status: 42 } } }),
    );
    const run = await sandbox(['--scenario', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`sandbox: ${file}: invalid scenario:`);
    expect(run.stderr).toContain('  mode: ');
    expect(run.stderr).toContain('  conversation[0]: give exactly one of "push", "caller" or "fault"');
    expect(run.stderr).toContain('  asapp.engage.status: ');
  });

  it('rejects a malformed --lambda binding with exit 2 and the usage', async () => {
    const run = await sandbox(['--lambda', 'my-function=pullaction']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown handler "pullaction"; use one of engage, push-action, pull-action, call-transfer, call-context');
    expect(run.stderr).toContain('Usage: pnpm sandbox');
  });
});
