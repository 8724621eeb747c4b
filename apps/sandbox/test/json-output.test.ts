import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TRANSCRIPT_FORMAT, type Transcript } from '../src';

const run = promisify(execFile);
const REPO_ROOT = join(__dirname, '..', '..', '..');
jest.setTimeout(120_000);

// Through the root script, as the README says to run it: pnpm prints its script banner on stdout first.
const pnpmSandbox = (pnpmArgs: readonly string[], args: readonly string[]) =>
  run('pnpm', [...pnpmArgs, 'sandbox', '--scenario', 'apps/sandbox/scenarios/greeting-and-disengage.json', '--time-scale', '100', ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });

const expectTranscript = (text: string) =>
  expect(JSON.parse(text) as Transcript).toMatchObject({ format: TRANSCRIPT_FORMAT, outcome: { disposition: 'disengage' } });

describe('the JSON transcript through pnpm', () => {
  it('--out FILE writes valid JSON whatever pnpm prints on stdout', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-out-')), 'call.json');
    const { stdout } = await pnpmSandbox([], ['--json', '--out', file]);
    expectTranscript(readFileSync(file, 'utf8'));
    // What stdout carries besides: pnpm's banner, then the same transcript.
    expect(stdout.slice(stdout.indexOf('{'))).toBe(readFileSync(file, 'utf8'));
  });

  it('pnpm --silent sandbox --json prints nothing but the JSON', async () => {
    const { stdout } = await pnpmSandbox(['--silent'], ['--json']);
    expectTranscript(stdout);
  });

  it('refuses --out into a directory that does not exist, before starting anything', async () => {
    await expect(pnpmSandbox(['--silent'], ['--out', join(tmpdir(), 'no-such-dir-for-sandbox', 'call.json')])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the directory'),
    });
  });
});
