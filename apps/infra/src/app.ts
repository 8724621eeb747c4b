import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { App } from 'cdktf';
import { capacityPlan, capacityProblem, describePlan } from './capacity';
import { EnvironmentConfigError, loadEnvironments } from './config/load-environments';
import { GenerativeAgentStack } from './stack';

export interface SynthesizeOptions {
  /** Directory of `<name>.json` environment files. */
  readonly environmentsDir: string;
  /** Problems name files relative to this directory. */
  readonly displayRoot: string;
  /** @default cdktf's (`CDKTF_OUTDIR`, set by the cdktf CLI, else `cdktf.out`) */
  readonly outdir?: string;
  /** Receives one line per environment: the Lambda concurrency and Valkey load its peak needs. @default none */
  readonly log?: (line: string) => void;
}

/**
 * Builds one stack per environment file and writes them to `outdir`. Every file is validated
 * before the first stack is created, so a bad file leaves nothing half-synthesized.
 *
 * Stacks of environments whose file is gone are removed from `outdir`, as the cdktf CLI does: nothing downstream
 * (tf:check, a plan upload) may take one for current.
 *
 * @throws EnvironmentConfigError naming each bad file, field and expectation
 * @returns the names of the synthesized stacks
 */
export function synthesizeEnvironments(options: SynthesizeOptions): string[] {
  const environments = loadEnvironments(options.environmentsDir, options.displayRoot);
  const fileOf = (name: string) => relative(options.displayRoot, join(options.environmentsDir, `${name}.json`));
  const plans = environments.map(({ name, config }) => ({ name, config, plan: capacityPlan(config) }));
  const capacityProblems = plans.flatMap(({ name, config, plan }) => {
    const problem = capacityProblem(plan, config);
    return problem === undefined ? [] : [`${fileOf(name)}: ${problem}`];
  });
  if (capacityProblems.length > 0) throw new EnvironmentConfigError(capacityProblems);
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  for (const { name, config } of environments) {
    try {
      new GenerativeAgentStack(app, name, config);
    } catch (error) {
      // A file can pass the schema and still break an AWS limit the constructs check (e.g. Lambda's 4 KB of
      // environment variables): name the file, as the schema's own messages do.
      throw new EnvironmentConfigError([`${fileOf(name)}: ${(error as Error).message}`]);
    }
  }
  app.synth();
  removeStaleStacks(app.outdir, new Set(environments.map(({ name }) => name)));
  for (const { name, config, plan } of plans) options.log?.(describePlan(name, plan, config.lambdaConcurrencyLimit));
  return environments.map(({ name }) => name);
}

function removeStaleStacks(outdir: string, current: ReadonlySet<string>): void {
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) return;
  for (const entry of readdirSync(stacksDir)) {
    if (!current.has(entry)) rmSync(join(stacksDir, entry), { recursive: true, force: true });
  }
}
