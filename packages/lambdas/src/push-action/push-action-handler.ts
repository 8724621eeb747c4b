import { type ActionQueue, type AsappAction, parseAsappAction } from '@genagent-connect/action-queue';
import type { ParsedEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger } from '../logging';
import { valkeyConnectionFailure } from '../valkey';

/** push-action → ASAPP. */
export type PushActionResponse = { readonly ok: true } | { readonly ok: false; readonly errorMessage: string };

export interface PushActionHandlerDependencies {
  readonly queue: Pick<ActionQueue, 'push'>;
  /** Default: a Powertools logger for `push-action`. */
  readonly logger?: Logger;
}

function parseAction(event: unknown): ParsedEvent<AsappAction> {
  const parsed = parseAsappAction(event);
  return parsed.ok ? { ok: true, event: parsed.action } : { ok: false, errorMessage: parsed.error };
}

/** ASAPP's `guid` is the call's ContactId; read best-effort from a rejected event too, for the log line. */
export function guidForLogs(action: AsappAction | undefined, rawEvent: unknown): string | undefined {
  if (action) return action.guid;
  const guid = (rawEvent as { guid?: unknown } | null)?.guid;
  return typeof guid === 'string' ? guid : undefined;
}

export function pushFailed(errorMessage: string): PushActionResponse {
  return { ok: false, errorMessage };
}

/**
 * ASAPP invokes this with the action itself as the event. A malformed event or unknown action is refused with a
 * message naming the field, and nothing is stored; a valid one is appended to the call's queue.
 */
export function createPushActionHandler(dependencies: PushActionHandlerDependencies): LambdaHandler<PushActionResponse> {
  const { queue } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('push-action');
  return guardedHandler({
    logger,
    parse: parseAction,
    contactIdOf: guidForLogs,
    errorResponse: pushFailed,
    async handle(action, log) {
      try {
        await queue.push(action);
      } catch (error) {
        const errorMessage =
          valkeyConnectionFailure(error) ?? `error processing action ${action.action} - ${errorMessageOf(error)}`;
        log.error('push failed', { errorMessage });
        return pushFailed(errorMessage);
      }
      log.info('action queued', { action: action.action, companyMarker: action.companyMarker });
      return { ok: true };
    },
  });
}
