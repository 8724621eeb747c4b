import type { Context } from 'aws-lambda';
import type { ParsedEvent } from './connect-event';
import { errorMessageOf } from './errors';
import { type ContactLogger, contactLogger, type Logger } from './logging';
import { ASAPP_OUTCOME_METRICS, type MetricName } from './metrics/catalog';
import { type HandlerMetrics, NO_METRICS } from './metrics/handler-metrics';

/** What every handler is: Lambda calls it with the raw event; the sandbox calls it in-process. */
export type LambdaHandler<Response> = (event: unknown, context?: Context) => Promise<Response>;

export interface GuardedHandlerOptions<Event, Response> {
  readonly logger: Logger;
  /** Validates the raw event at the edge. */
  readonly parse: (event: unknown) => ParsedEvent<Event>;
  /** The call's id for the log lines: from the parsed event, or read best-effort from a rejected one. */
  readonly contactIdOf: (event: Event | undefined, rawEvent: unknown) => string | undefined;
  /** The flow's error answer (result/next "error") carrying `errorMessage`. */
  readonly errorResponse: (errorMessage: string) => Response;
  /** Handles a valid event, logging through `log` (which carries the call's id). */
  readonly handle: (event: Event, log: ContactLogger) => Promise<Response>;
  /** Published once per invocation, whatever the outcome. @default none */
  readonly metrics?: HandlerMetrics;
  /** Counted when this shell answers the error itself (a rejected event, an unexpected exception). @default none */
  readonly failureMetrics?: readonly MetricName[];
}

/**
 * The shell around every handler: parse the event, put the contact id on every log line, and turn a rejected event
 * or an unexpected exception into the flow's error answer, so the flow never sees a crashed Lambda.
 */
export function guardedHandler<Event, Response>(options: GuardedHandlerOptions<Event, Response>): LambdaHandler<Response> {
  const { logger, parse, contactIdOf, errorResponse, handle } = options;
  const metrics = options.metrics ?? NO_METRICS;
  const failed = (errorMessage: string): Response => {
    for (const name of options.failureMetrics ?? []) metrics.count(name);
    return errorResponse(errorMessage);
  };
  return async (rawEvent, context) => {
    const parsed = parse(rawEvent);
    const log = contactLogger(logger, contactIdOf(parsed.ok ? parsed.event : undefined, rawEvent), context);
    try {
      if (!parsed.ok) {
        log.error('rejected event', { errorMessage: parsed.errorMessage });
        return failed(parsed.errorMessage);
      }
      return await handle(parsed.event, log);
    } catch (error) {
      log.error('unexpected error', { error });
      return failed(`unexpected error - ${errorMessageOf(error)}`);
    } finally {
      metrics.publish();
    }
  };
}

export interface DeferredHandlerOptions<Response> {
  readonly logger: Logger;
  /** Parses the environment and creates clients; runs once per container, on the first invocation. */
  readonly setup: () => LambdaHandler<Response>;
  readonly errorResponse: (errorMessage: string) => Response;
  /** Best-effort call id for the log line when setup failed. */
  readonly contactIdOf: (rawEvent: unknown) => string | undefined;
  /** Counted and published on each invocation answered with the setup error. @default none */
  readonly metrics?: HandlerMetrics;
  /** @default ConfigurationError */
  readonly failureMetrics?: readonly MetricName[];
}

/**
 * A handler whose configuration comes from the environment. Setup runs once per container; if it throws (a
 * ConfigError naming the variable), every invocation answers the flow with that message and logs it, instead of
 * failing the container's init, which the flow could only see as an opaque Lambda failure.
 */
export function deferredHandler<Response>(options: DeferredHandlerOptions<Response>): LambdaHandler<Response> {
  let ready: LambdaHandler<Response> | undefined;
  let setupError: string | undefined;
  return async (rawEvent, context) => {
    if (!ready && setupError === undefined) {
      try {
        ready = options.setup();
      } catch (error) {
        setupError = errorMessageOf(error);
      }
    }
    if (ready) return ready(rawEvent, context);
    const errorMessage = setupError ?? 'handler setup failed';
    contactLogger(options.logger, options.contactIdOf(rawEvent), context).error('configuration error', { errorMessage });
    const metrics = options.metrics ?? NO_METRICS;
    for (const name of options.failureMetrics ?? [ASAPP_OUTCOME_METRICS.configuration]) metrics.count(name);
    metrics.publish();
    return options.errorResponse(errorMessage);
  };
}
