import type { Environment } from './config/environment';
import type { SecretReader } from './secrets';

/**
 * How a handler wired "as in Lambda" reads its configuration. Lambda uses the defaults; tests and local runs pass an
 * environment record, and tests stand in for Secrets Manager (AWS is the one thing they mock).
 */
export interface EnvironmentOptions {
  /** Default: `process.env`, parsed on the first invocation and kept for the container's life. */
  readonly environment?: Environment;
  /** Default: Secrets Manager through Powertools Parameters. */
  readonly readSecret?: SecretReader;
}
