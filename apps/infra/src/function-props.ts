import { lambdaBundles } from '@genagent-connect/lambdas/bundles';
import type { EnvironmentConfig, FunctionName } from './config/environment-schema';

/** What every integration function takes from the environment: name, code, logs, warm capacity. */
export function functionProps(config: EnvironmentConfig, name: FunctionName) {
  return {
    namePrefix: config.namePrefix,
    name,
    zipPath: lambdaBundles[name].zipPath,
    logRetentionDays: config.logRetentionDays,
    provisionedConcurrency: config.provisionedConcurrency[name],
  } as const;
}
