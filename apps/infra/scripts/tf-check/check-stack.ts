import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfigFileName, prepareStackCopy, type StackTarget } from './stack-copy';
import type { ProviderMirror, Terraform } from './toolchain';

export interface StepResult {
  readonly step: string;
  readonly seconds: number;
  readonly ok: boolean;
  /** Terraform's combined stdout and stderr. */
  readonly output: string;
}

export interface StackResult {
  readonly stack: string;
  readonly target?: StackTarget;
  readonly steps: readonly StepResult[];
  readonly ok: boolean;
  readonly seconds: number;
}

/** The Terraform commands, in order; each runs only if the previous one passed. */
const steps: readonly (readonly [string, readonly string[]])[] = [
  ['init', ['init', '-backend=false', '-input=false', '-no-color']],
  ['validate', ['validate', '-no-color']],
  ['test', ['test', '-no-color']],
];

function run(terraform: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Omit<StepResult, 'step'>> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(terraform, args, { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const finish = (ok: boolean, extra = '') =>
      resolvePromise({ ok, output: output + extra, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => finish(false, `\n${error.message}`));
    child.on('close', (code) => finish(code === 0));
  });
}

/**
 * Runs init, validate and a mocked plan (`terraform test`) on a temporary copy of one synthesized
 * stack; the copy is removed afterwards unless `keep` is set.
 */
export async function checkStack(
  stack: string,
  stackDir: string,
  terraform: Terraform,
  mirror: ProviderMirror,
  keep = false,
): Promise<StackResult> {
  const started = performance.now();
  const workDir = mkdtempSync(join(tmpdir(), `tf-check-${stack}-`));
  const results: StepResult[] = [];
  let target: StackTarget | undefined;
  try {
    target = prepareStackCopy(stackDir, workDir, mirror);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: join(workDir, cliConfigFileName),
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    };
    // A shared plugin cache would make parallel inits race on it.
    delete env.TF_PLUGIN_CACHE_DIR;
    for (const [step, args] of steps) {
      const result = { step, ...(await run(terraform.path, args, workDir, env)) };
      results.push(result);
      if (!result.ok) break;
    }
  } catch (error) {
    results.push({ step: 'prepare', ok: false, seconds: 0, output: (error as Error).message });
  } finally {
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
  const ok = results.length === steps.length && results.every((result) => result.ok);
  return { stack, ...(target ? { target } : {}), steps: results, ok, seconds: (performance.now() - started) / 1000 };
}
