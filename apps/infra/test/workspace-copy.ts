import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fixtureEnvironmentsDir } from './synth';

export const repoRoot = resolve(__dirname, '../../..');

const notCopied = new Set(['dist', 'cdktf.out', '.turbo', 'coverage', '.git']);

/**
 * A copy of the workspace in a temp directory: root files, packages/, apps/ and flow-modules/, sharing the root
 * node_modules (a symlink; the packages' own node_modules are pnpm's relative links, so they point into the copy).
 * `environments/` holds only the named fixture environments. Built outputs are not copied: the copy starts unbuilt.
 */
export function copyWorkspace(fixtureEnvironments: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'workspace-copy-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'turbo.json', 'biome.json', 'jest.preset.cjs']) {
    cpSync(join(repoRoot, file), join(root, file));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  for (const directory of ['packages', 'apps', 'flow-modules']) {
    cpSync(join(repoRoot, directory), join(root, directory), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !notCopied.has(basename(source)) && !basename(source).includes('.tfstate'),
    });
  }
  mkdirSync(join(root, 'environments'));
  for (const name of fixtureEnvironments) {
    cpSync(join(fixtureEnvironmentsDir, `${name}.json`), join(root, 'environments', `${name}.json`));
  }
  return root;
}
