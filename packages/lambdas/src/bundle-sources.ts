import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Imported by infra through ./bundles, so only Node built-ins here.

/** What `<name>.sources.json` next to a zip holds: every file esbuild read for it, with its sha256. */
export interface BundleSources {
  /** Path relative to packages/lambdas (posix separators, no machine path) → sha256 hex of its content. */
  readonly sources: Readonly<Record<string, string>>;
}

export const LAMBDAS_PACKAGE_DIR = join(__dirname, '..');

export function sha256Hex(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

export function digestSources(relativePaths: readonly string[], packageDir: string = LAMBDAS_PACKAGE_DIR): BundleSources {
  const sorted = [...new Set(relativePaths)].sort();
  return { sources: Object.fromEntries(sorted.map((path) => [path, sha256Hex(readFileSync(join(packageDir, path)))])) };
}

/**
 * Why the zip no longer matches its sources, or undefined when it does. The record, not file times: a clone, a
 * checkout or a turbo cache restore sets times at will, content does not lie.
 */
export function bundleStaleness(zipPath: string, sourcesPath: string, packageDir: string = LAMBDAS_PACKAGE_DIR): string | undefined {
  if (!existsSync(zipPath)) return 'not built';
  if (!existsSync(sourcesPath)) return 'built without a sources record';
  const { sources } = JSON.parse(readFileSync(sourcesPath, 'utf8')) as BundleSources;
  const changed = Object.entries(sources).flatMap(([path, digest]) => {
    const file = join(packageDir, path);
    if (!existsSync(file)) return [`${path} (deleted)`];
    return sha256Hex(readFileSync(file)) === digest ? [] : [path];
  });
  if (changed.length === 0) return undefined;
  const [first, ...rest] = changed;
  return `${first}${rest.length > 0 ? ` and ${rest.length} more` : ''} changed since it was built`;
}
