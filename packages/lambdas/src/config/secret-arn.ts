import * as z from 'zod';

/** A Secrets Manager secret ARN, so that a name pasted by mistake fails at start-up rather than at the first fetch. */
export const secretArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/, 'expected a Secrets Manager secret ARN');
