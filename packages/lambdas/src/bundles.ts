import { join } from 'node:path';

// Imported by infra, so nothing here may pull in handler code or third-party modules.

export const LAMBDA_NAMES = ['engage', 'push-action', 'pull-action', 'call-transfer', 'call-context'] as const;
export type LambdaName = (typeof LAMBDA_NAMES)[number];

export interface LambdaBundle {
  /** Absolute path of the zip `pnpm --filter @genagent-connect/lambdas build` writes (only `index.js` inside). */
  readonly zipPath: string;
}

export const LAMBDA_DIST_DIR = join(__dirname, '..', 'dist');

export const lambdaBundles: Readonly<Record<LambdaName, LambdaBundle>> = Object.fromEntries(
  LAMBDA_NAMES.map((name) => [name, { zipPath: join(LAMBDA_DIST_DIR, `${name}.zip`) }]),
) as Record<LambdaName, LambdaBundle>;
