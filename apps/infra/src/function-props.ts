import { type LambdaName, lambdaBundles } from '@genagent-connect/lambdas/bundles';
import type { EnvironmentConfig } from './config/environment-schema';

/** What every integration function takes from the environment: name, code, logs, warm capacity. */
export function functionProps(config: EnvironmentConfig, name: LambdaName) {
  return {
    namePrefix: config.namePrefix,
    name,
    zipPath: lambdaBundles[name].zipPath,
    logRetentionDays: config.logRetentionDays,
    provisionedConcurrency: config.provisionedConcurrency[name],
    tracing: config.tracing,
  } as const;
}
