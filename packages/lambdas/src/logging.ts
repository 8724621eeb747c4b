import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export type { Logger };

/**
 * The Powertools logger for one function. POWERTOOLS_SERVICE_NAME and POWERTOOLS_LOG_LEVEL (default INFO) apply;
 * per-poll lines are debug so the hot path pays only a level check.
 */
export function createLambdaLogger(functionName: string): Logger {
  return new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || `genagent-connect-${functionName}` });
}

/** `+15551231234` → `+1******1234`: enough to correlate with a call, not enough to identify the caller. */
export function maskPhoneNumber(phoneNumber: string): string {
  const visibleEnd = 4;
  const visibleStart = phoneNumber.startsWith('+') ? 2 : 1;
  if (phoneNumber.length <= visibleStart + visibleEnd) return '*'.repeat(phoneNumber.length);
  return (
    phoneNumber.slice(0, visibleStart) +
    '*'.repeat(phoneNumber.length - visibleStart - visibleEnd) +
    phoneNumber.slice(-visibleEnd)
  );
}

/**
 * Runs one invocation with `contactId` on every log line, then removes it so a warm container's next invocation
 * never logs the previous call's id.
 */
export async function withContactLogging<T>(
  logger: Logger,
  contactId: string | undefined,
  context: Context | undefined,
  invoke: () => Promise<T>,
): Promise<T> {
  if (context) logger.addContext(context);
  logger.appendKeys({ contactId: contactId ?? 'unknown' });
  try {
    return await invoke();
  } finally {
    logger.resetKeys();
  }
}

/** An error's name and message, for a log line; the message of our clients' errors never carries a secret. */
export function errorForLog(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'NonError', message: String(error) };
}
