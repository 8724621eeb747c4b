import { mkdir, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { digestSources, LAMBDAS_PACKAGE_DIR } from '../src/bundle-sources';
import { LAMBDA_NAMES, type LambdaName } from '../src/bundles';

/** The brief's limit for each zip. */
export const MAX_ZIP_BYTES = 200 * 1024;

/** Provided by the Node.js 22 Lambda runtime, so kept out of the zips. */
const RUNTIME_PROVIDED = ['@aws-sdk/*'];

// A fixed timestamp (built from local-time parts, as the zip format stores local time) makes the zip a pure function
// of the code: Terraform's source hash then changes only when the code does.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX_FILE_MODE = 0o100644;

export interface LambdaBundleResult {
  readonly name: LambdaName;
  readonly zipPath: string;
  readonly zipBytes: number;
  readonly scriptBytes: number;
}

export interface BundleOptions {
  /** Where `<name>.zip` files go. */
  readonly outDir: string;
  readonly names?: readonly LambdaName[];
}

const HANDLERS_DIR = join(LAMBDAS_PACKAGE_DIR, 'src', 'handlers');
/** How the bundle is made is one of its sources too. */
const BUNDLER_SOURCE = 'scripts/lambda-bundler.ts';

/** Bundles each handler with esbuild (cjs, node22, minified) into `index.js` and zips it deterministically. */
export async function bundleLambdas(options: BundleOptions): Promise<LambdaBundleResult[]> {
  await mkdir(options.outDir, { recursive: true });
  return Promise.all((options.names ?? LAMBDA_NAMES).map((name) => bundleLambda(name, options.outDir)));
}

async function bundleLambda(name: LambdaName, outDir: string): Promise<LambdaBundleResult> {
  const result = await build({
    entryPoints: [join(HANDLERS_DIR, `${name}.ts`)],
    // Metafile input paths are relative to this: the sources record then names no path of this machine.
    absWorkingDir: LAMBDAS_PACKAGE_DIR,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: RUNTIME_PROVIDED,
    write: false,
    outfile: 'index.js',
    metafile: true,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${name}`);
  assertOnlyRuntimeImports(name, result.metafile.outputs);
  assertNoZodLocales(name, result.metafile.outputs);
  const zip = zipSync(
    { 'index.js': [output.contents, { mtime: FIXED_MTIME, os: 3, attrs: UNIX_FILE_MODE << 16 }] },
    { level: 9 },
  );
  const zipPath = join(outDir, `${name}.zip`);
  await writeFile(zipPath, zip);
  const sources = digestSources([...Object.keys(result.metafile.inputs), BUNDLER_SOURCE]);
  await writeFile(join(outDir, `${name}.sources.json`), `${JSON.stringify(sources, null, 2)}\n`);
  return { name, zipPath, zipBytes: zip.byteLength, scriptBytes: output.contents.byteLength };
}

/** Everything must be inside index.js except Node built-ins and the runtime's AWS SDK; native addons are refused. */
function assertOnlyRuntimeImports(name: LambdaName, outputs: Record<string, { imports: { path: string }[] }>): void {
  const builtins = new Set(builtinModules.flatMap((module) => [module, `node:${module}`]));
  for (const output of Object.values(outputs)) {
    for (const { path } of output.imports) {
      if (builtins.has(path) || path.startsWith('@aws-sdk/')) continue;
      throw new Error(`${name}: bundle imports "${path}" at runtime; only Node built-ins and @aws-sdk/* may stay external`);
    }
  }
}

/**
 * esbuild cannot tree-shake the `z` that `import { z } from 'zod'` binds, so one such import anywhere in a bundle
 * brings in every zod locale and the whole classic API (about 370 KB of the script); `import * as z from 'zod'` is the
 * same API and lets esbuild keep only what is used. Only the default English locale may be bundled.
 */
function assertNoZodLocales(
  name: LambdaName,
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>,
): void {
  const locales = Object.values(outputs).flatMap((output) =>
    Object.entries(output.inputs).filter(
      ([path, { bytesInOutput }]) => bytesInOutput > 0 && /\/zod\/v4\/locales\/(?!en\.js$)/.test(path),
    ),
  );
  if (locales.length > 0) {
    throw new Error(
      `${name}: bundle contains ${locales.length} zod locales; import zod as \`import * as z from 'zod'\`, not \`import { z }\``,
    );
  }
}

