import { type ActionQueue, type PushEventParseResult, parsePushEvent, ValkeyUnavailableError } from '@genagent-connect/action-queue';
import type { ParsedEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger } from '../logging';
import { PUSH_OUTCOME_METRICS, REPLICA_ACK_TIMEOUT_METRIC, VALKEY_FAILURE_METRIC } from '../metrics/catalog';
import type { HandlerMetrics } from '../metrics/handler-metrics';
import { valkeyConnectionFailure, valkeyOutOfMemory } from '../valkey';

/** push-action → ASAPP. */
export type PushActionResponse = { readonly ok: true } | { readonly ok: false; readonly errorMessage: string };

export interface PushActionHandlerDependencies {
  readonly queue: Pick<ActionQueue, 'push'>;
  /** Default: a Powertools logger for `push-action`. */
  readonly logger?: Logger;
  /** Default: none (pushActionHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
  /** Epoch ms stored with each action as its push time (pull-action's QueueWait); the puller's clock. Default `Date.now`. */
  readonly clock?: () => number;
}

/** A push this handler acts on: an action to store, or one it does not know (acknowledged, not stored). */
type PushEvent = Exclude<PushEventParseResult, { kind: 'invalid' }>;

function parsePush(event: unknown): ParsedEvent<PushEvent> {
  const parsed = parsePushEvent(event);
  return parsed.kind === 'invalid' ? { ok: false, errorMessage: parsed.error } : { ok: true, event: parsed };
}

/** ASAPP's `guid` is the call's ContactId; read best-effort from a rejected event too, for the log line. */
export function guidForLogs(push: PushEvent | undefined, rawEvent: unknown): string | undefined {
  if (push) return push.kind === 'action' ? push.action.guid : push.guid;
  const guid = (rawEvent as { guid?: unknown } | null)?.guid;
  return typeof guid === 'string' ? guid : undefined;
}

export function pushFailed(errorMessage: string): PushActionResponse {
  return { ok: false, errorMessage };
}

function storeFailure(actionName: string, error: unknown): string {
  const outOfMemory = valkeyOutOfMemory(error);
  if (outOfMemory) return `${outOfMemory}: action not stored`;
  const unreachable = valkeyConnectionFailure(error);
  // The write was sent and its reply lost: it may run (or have run) anyway, so ASAPP must not take this as "not stored".
  if (unreachable && error instanceof ValkeyUnavailableError && error.commandSent) {
    return `${unreachable}: outcome unknown, the action may have been stored`;
  }
  return unreachable ?? `error processing action ${actionName} - ${errorMessageOf(error)}`;
}

/**
 * ASAPP invokes this with the action itself as the event. A valid action is appended to the call's queue (null
 * fields absent, output variables as strings). An action this integration does not know is acknowledged without
 * being stored, as ASAPP's own PushAction does, with a warning. A push that cannot be delivered (no action,
 * companyMarker or guid, a speak without text) is refused with a message naming the field, and nothing is stored.
 */
export function createPushActionHandler(dependencies: PushActionHandlerDependencies): LambdaHandler<PushActionResponse> {
  const { queue, metrics } = dependencies;
  const clock = dependencies.clock ?? Date.now;
  const logger = dependencies.logger ?? createLambdaLogger('push-action');
  return guardedHandler({
    logger,
    parse: parsePush,
    contactIdOf: guidForLogs,
    errorResponse: pushFailed,
    metrics,
    failureMetrics: [PUSH_OUTCOME_METRICS.malformed],
    async handle(push, log) {
      if (push.kind === 'unknownAction') {
        log.warn('unknown action not stored', { action: push.action, companyMarker: push.companyMarker });
        metrics?.count(PUSH_OUTCOME_METRICS.unknownAction);
        return { ok: true };
      }
      const { action } = push;
      let stored: Awaited<ReturnType<typeof queue.push>>;
      try {
        stored = await queue.push(action, { pushedAt: clock() });
      } catch (error) {
        const errorMessage = storeFailure(action.action, error);
        const outcome = valkeyOutOfMemory(error) ? 'outOfMemory' : 'valkeyFailure';
        log.error('push failed', { errorMessage, outcome });
        metrics?.count(PUSH_OUTCOME_METRICS[outcome]);
        metrics?.count(VALKEY_FAILURE_METRIC);
        return pushFailed(errorMessage);
      }
      if (stored.replicated === false) {
        // Stored on the primary only: a failover in the next moments could lose it. Still ok (see REPLICA_ACK_TIMEOUT_MS).
        log.warn('action queued before a replica acknowledged it', { action: action.action, replicaAckTimedOut: true });
        metrics?.count(REPLICA_ACK_TIMEOUT_METRIC);
      }
      log.info('action queued', { action: action.action, companyMarker: action.companyMarker, sequence: stored.sequence });
      metrics?.count(PUSH_OUTCOME_METRICS.accepted);
      return { ok: true };
    },
  });
}
