import { synthesizeEnvironments } from './app';
import { EnvironmentConfigError } from './config/load-environments';
import { environmentsDir, repoRoot } from './paths';

try {
  const stacks = synthesizeEnvironments({ environmentsDir, displayRoot: repoRoot, log: console.log });
  console.log(`Synthesized ${stacks.join(', ')} into ${process.env.CDKTF_OUTDIR ?? 'cdktf.out'}`);
} catch (error) {
  if (!(error instanceof EnvironmentConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
