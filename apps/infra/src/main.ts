import { relative } from 'node:path';
import { staleLambdaBundles } from '@genagent-connect/lambdas/bundles';
import { synthesizeEnvironments } from './app';
import { EnvironmentConfigError } from './config/load-environments';
import { environmentsDir, repoRoot } from './paths';

// Every way to synth, diff or deploy runs this file: a stack built from an old zip would deploy the old code.
const stale = staleLambdaBundles();
if (stale.length > 0) {
  console.error(
    `Refusing to synthesize: these Lambda bundles do not hold the current code, so a deploy would ship old code:\n${stale
      .map(({ zipPath, reason }) => `  - ${relative(repoRoot, zipPath)}: ${reason}`)
      .join('\n')}\nRun \`pnpm build\` (or \`pnpm synth\`, which builds first), then synth again.`,
  );
  process.exitCode = 1;
} else {
  try {
    const stacks = synthesizeEnvironments({ environmentsDir, displayRoot: repoRoot, log: console.log });
    console.log(`Synthesized ${stacks.join(', ')} into ${process.env.CDKTF_OUTDIR ? relative(process.cwd(), process.env.CDKTF_OUTDIR) || '.' : 'cdktf.out'}`);
  } catch (error) {
    if (!(error instanceof EnvironmentConfigError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
