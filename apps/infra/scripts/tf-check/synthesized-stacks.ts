import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The stacks the last synth wrote, from its manifest.json rather than the stacks/ folder: a turbo cache restore
 * writes files over the folder without deleting any, so a folder of a removed environment may still be there.
 *
 * @returns undefined when `outdir` holds no manifest (nothing synthesized yet)
 */
export function synthesizedStackNames(outdir: string): string[] | undefined {
  const manifestPath = join(outdir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { stacks?: Record<string, unknown> };
  return Object.keys(manifest.stacks ?? {}).sort();
}
