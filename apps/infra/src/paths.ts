import { resolve } from 'node:path';

/** apps/infra: where `cdktf` runs and local state files live. */
export const infraDir = resolve(__dirname, '..');
export const repoRoot = resolve(infraDir, '../..');
/** One `<name>.json` per environment (stack). */
export const environmentsDir = resolve(repoRoot, 'environments');
/** Flow templates and audio, shared with the sandbox. */
export const flowModulesDir = resolve(repoRoot, 'flow-modules');
