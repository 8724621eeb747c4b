/**
 * tf:check: Terraform's own validation of every synthesized stack, offline. For each
 * stack in cdktf.out/manifest.json (cdktf.out/stacks/<env>): a temp copy pinned to the mirrored hashicorp/aws, `terraform init
 * -backend=false`, `terraform validate`, and `terraform test` planning against a mocked provider.
 * Run `pnpm synth` first (turbo does). Set TF_CHECK_KEEP=1 to keep the temp copies.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { checkStack, type StackResult } from './tf-check/check-stack';
import { synthesizedStackNames } from './tf-check/synthesized-stacks';
import { findProviderMirror, findTerraform, MissingToolError } from './tf-check/toolchain';

const outdir = resolve(__dirname, '..', process.env.CDKTF_OUTDIR ?? 'cdktf.out');
const stacksDir = join(outdir, 'stacks');

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

function report(result: StackResult): void {
  const timings = result.steps.map((step) => `${step.step} ${step.seconds.toFixed(1)}s`).join(', ');
  console.log(`${result.ok ? 'PASS' : 'FAIL'} ${result.stack.padEnd(10)} ${result.seconds.toFixed(1)}s (${timings})`);
  const failed = result.steps.find((step) => !step.ok);
  if (failed) {
    console.log(`--- terraform ${failed.step} output for ${result.stack} ---\n${failed.output.trim()}\n---`);
  }
}

async function main(): Promise<number> {
  const terraform = findTerraform();
  const mirror = findProviderMirror();
  const stacks = synthesizedStackNames(outdir);
  if (stacks === undefined) {
    console.error(`No synthesized stacks in ${outdir}: run \`pnpm synth\` (or \`cdktf synth\` in apps/infra) first.`);
    return 1;
  }
  if (stacks.length === 0) {
    console.error(`${stacksDir} holds no stacks: run \`pnpm synth\` first.`);
    return 1;
  }
  console.log(`Terraform ${terraform.version} (${terraform.path})`);
  console.log(`Validating against hashicorp/aws ${mirror.version} from the mirror ${mirror.dir} (${mirror.platform})`);
  const started = performance.now();
  // Stacks are independent, but each provider process keeps a core busy: one stack per core.
  const results = await mapWithConcurrency(stacks, availableParallelism(), (stack) =>
    checkStack(stack, join(stacksDir, stack), terraform, mirror, process.env.TF_CHECK_KEEP === '1'),
  );
  const pinned = [...new Set(results.flatMap((result) => (result.target ? [result.target.pinnedAwsVersion] : [])))];
  console.log(`Stacks pin hashicorp/aws ${pinned.join(', ')} (the @cdktf/provider-aws bindings); checked with ${mirror.version}.`);
  results.forEach(report);
  const failed = results.filter((result) => !result.ok).map((result) => result.stack);
  console.log(
    `${failed.length === 0 ? 'All' : `${results.length - failed.length} of`} ${results.length} stacks passed in ${((performance.now() - started) / 1000).toFixed(1)}s` +
      (failed.length > 0 ? `; failed: ${failed.join(', ')}` : ''),
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof MissingToolError ? `tf:check cannot run: ${error.message}` : error);
    process.exitCode = 1;
  },
);
