import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');

const quietGit = ['-c', 'user.name=workflow-test', '-c', 'user.email=workflow-test@localhost', '-c', 'commit.gpgsign=false'];

/**
 * A clean clone of the working tree as it is now (tracked and new files, nothing git ignores: no node_modules,
 * dist, cdktf.out or turbo cache) in a fresh temp directory with its own git repository, so that uncommitted work
 * is what gets tested. `install` runs `pnpm install --frozen-lockfile --offline` there, as a fresh machine would.
 * The clone is `<temp>/repo`, so that `<temp>/shared/` can stand for the shared/ folder CI lays beside a clone.
 */
export function cleanClone(options: { readonly install: boolean }): string {
  const root = join(mkdtempSync(join(tmpdir(), 'clean-clone-')), 'repo');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '');
  for (const file of files) {
    mkdirSync(join(root, dirname(file)), { recursive: true });
    // A tracked file deleted in the working tree is not part of it.
    try {
      cpSync(join(repoRoot, file), join(root, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  git(root, 'init', '--quiet');
  git(root, 'add', '--all');
  git(root, 'commit', '--quiet', '--no-verify', '-m', 'clean clone');
  if (options.install) {
    execFileSync('pnpm', ['install', '--frozen-lockfile', '--offline', '--reporter=silent'], { cwd: root, stdio: 'pipe' });
  }
  return root;
}

/** Removes a clone and what was laid beside it. */
export function removeClone(root: string): void {
  rmSync(dirname(root), { recursive: true, force: true });
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...quietGit, ...args], { cwd, encoding: 'utf8' });
}

/** turbo from this workspace's node_modules, telemetry off. */
export const turboBin = join(repoRoot, 'node_modules', '.bin', 'turbo');
export const turboEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  ...extra,
});
