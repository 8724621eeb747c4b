import { relative } from 'node:path';
import { LAMBDAS_PACKAGE_DIR } from '../src/bundle-sources';
import { LAMBDA_DIST_DIR } from '../src/bundles';
import { bundleLambdas, MAX_ZIP_BYTES } from './lambda-bundler';

async function main(): Promise<void> {
  const results = await bundleLambdas({ outDir: LAMBDA_DIST_DIR });
  for (const { zipPath, zipBytes, scriptBytes } of results) {
    // Relative: turbo caches this log and replays it on other machines.
    console.log(`${relative(LAMBDAS_PACKAGE_DIR, zipPath)}  ${(zipBytes / 1024).toFixed(1)} KB zip (index.js ${(scriptBytes / 1024).toFixed(1)} KB)`);
  }
  const oversized = results.filter((result) => result.zipBytes >= MAX_ZIP_BYTES);
  if (oversized.length > 0) {
    throw new Error(`zips at or over ${MAX_ZIP_BYTES / 1024} KB: ${oversized.map((result) => result.name).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
