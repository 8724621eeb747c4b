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

/** A structured log line's own attributes. */
export type LogAttributes = Record<string, unknown>;

/** One invocation's logger: every line carries the call's id. */
export interface ContactLogger {
  debug(message: string, attributes?: LogAttributes): void;
  info(message: string, attributes?: LogAttributes): void;
  warn(message: string, attributes?: LogAttributes): void;
  error(message: string, attributes?: LogAttributes): void;
}

/**
 * Puts `contactId` on every line of one invocation. It goes into each line rather than into the shared logger's
 * keys, so a warm container never logs the previous call's id and invocations running side by side in one process
 * (the sandbox's simulated calls) never mix ids. The Lambda context, when given, adds request id and cold start.
 */
export function contactLogger(logger: Logger, contactId: string | undefined, context?: Context): ContactLogger {
  if (context) logger.addContext(context);
  const contact = { contactId: contactId ?? 'unknown' };
  return {
    debug: (message, attributes) => logger.debug(message, contact, attributes as LogAttributes),
    info: (message, attributes) => logger.info(message, contact, attributes as LogAttributes),
    warn: (message, attributes) => logger.warn(message, contact, attributes as LogAttributes),
    error: (message, attributes) => logger.error(message, contact, attributes as LogAttributes),
  };
}
