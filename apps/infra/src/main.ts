import { synthesizeEnvironments } from './app';
import { EnvironmentConfigError } from './config/load-environments';
import { environmentsDir, repoRoot } from './paths';

try {
  synthesizeEnvironments({ environmentsDir, displayRoot: repoRoot });
} catch (error) {
  if (!(error instanceof EnvironmentConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
