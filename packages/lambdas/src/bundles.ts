import { join } from 'node:path';
import { bundleStaleness, LAMBDAS_PACKAGE_DIR } from './bundle-sources';

// Imported by infra, so nothing here may pull in handler code or third-party modules.

export const LAMBDA_NAMES = ['engage', 'push-action', 'pull-action', 'call-transfer', 'call-context'] as const;
export type LambdaName = (typeof LAMBDA_NAMES)[number];

export interface LambdaBundle {
  /** Absolute path of the zip `pnpm --filter @genagent-connect/lambdas build` writes (only `index.js` inside). */
  readonly zipPath: string;
  /** `<name>.sources.json` beside the zip: the files it was built from, with their hashes. */
  readonly sourcesPath: string;
}

export const LAMBDA_DIST_DIR = join(LAMBDAS_PACKAGE_DIR, 'dist');

export const lambdaBundles: Readonly<Record<LambdaName, LambdaBundle>> = Object.fromEntries(
  LAMBDA_NAMES.map((name) => [name, { zipPath: join(LAMBDA_DIST_DIR, `${name}.zip`), sourcesPath: join(LAMBDA_DIST_DIR, `${name}.sources.json`) }]),
) as Record<LambdaName, LambdaBundle>;

export interface StaleBundle {
  readonly name: LambdaName;
  readonly zipPath: string;
  /** e.g. "src/engage/engage-handler.ts changed since it was built", "not built". */
  readonly reason: string;
}

/** The bundles in dist/ that would not ship the code as it is now: synth refuses these (deploys would ship old code). */
export function staleLambdaBundles(bundles: Readonly<Record<LambdaName, LambdaBundle>> = lambdaBundles): StaleBundle[] {
  return LAMBDA_NAMES.flatMap((name) => {
    const { zipPath, sourcesPath } = bundles[name];
    const reason = bundleStaleness(zipPath, sourcesPath);
    return reason === undefined ? [] : [{ name, zipPath, reason }];
  });
}
