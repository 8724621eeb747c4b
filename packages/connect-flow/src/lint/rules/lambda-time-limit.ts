import type { LintRule } from '../types';

// Connect waits at most 8 s for a synchronous Lambda; asynchronous invocations may run up to 60 s.
const LIMIT_SECONDS = { SYNCHRONOUS: 8, ASYNCHRONOUS: 60 } as const;

export const lambdaTimeLimit: LintRule = {
  id: 'lambda-time-limit',
  severity: 'error',
  description: 'InvokeLambdaFunction sets InvocationTimeLimitSeconds as a whole-number string, 1-8 (1-60 when asynchronous)',
  check: ({ flow }) =>
    flow.Actions.filter((action) => action.Type === 'InvokeLambdaFunction').flatMap((action) => {
      const invocationType = action.Parameters.InvocationType === 'ASYNCHRONOUS' ? 'ASYNCHRONOUS' : 'SYNCHRONOUS';
      const max = LIMIT_SECONDS[invocationType];
      const limit = action.Parameters.InvocationTimeLimitSeconds;
      const seconds = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : Number.NaN;
      if (seconds >= 1 && seconds <= max) return [];
      return [
        {
          actionId: action.Identifier,
          message: `InvocationTimeLimitSeconds must be a string holding a whole number from 1 to ${max} (${invocationType}), got ${JSON.stringify(limit)}`,
        },
      ];
    }),
};
