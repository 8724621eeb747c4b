import { type ActionQueue, actionsKey } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import { type ConnectEvent, contactIdForLogs, contactIdOf, parseConnectEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger } from '../logging';
import { valkeyConnectionFailure } from '../valkey';
import { type PullActionResponse, pullActionError, pullModeFor, responseForAction } from './pull-action-response';

export interface PullActionHandlerDependencies {
  readonly config: PullActionConfig;
  readonly queue: Pick<ActionQueue, 'pull' | 'nextProcessingCue'>;
  /** Default: a Powertools logger for `pull-action`. */
  readonly logger?: Logger;
}

/** ASAPP's module spells the attribute the first way, seed 001 the second; either works. */
const COMPANY_MARKER_ATTRIBUTES = ['ASAPP_CompanyMarker', 'ASAPP_companyMarker'] as const;

function companyMarkerOf(event: ConnectEvent): string | undefined {
  const { Parameters: parameters, ContactData: contactData } = event.Details;
  if (parameters.companyMarker) return parameters.companyMarker;
  for (const attribute of COMPANY_MARKER_ATTRIBUTES) {
    if (contactData.Attributes[attribute]) return contactData.Attributes[attribute];
  }
  return undefined;
}

function guidOf(event: ConnectEvent): string | undefined {
  return event.Details.Parameters.guid || contactIdOf(event);
}

/**
 * ASAPP's module cues every 6th poll, and its processing polls are 400 ms apart: a cue about every 2.4 s. A long-poll
 * returns empty only after its whole wait, so it cues every ⌈2.4 s / wait⌉-th poll to keep that rhythm (every poll
 * from a 2.4 s wait up), rather than once in 6 × wait.
 */
const PROCESSING_CUE_INTERVAL_MS = 2400;

function processingCueEvery(pullWaitMs: number): number | undefined {
  return pullWaitMs === 0 ? undefined : Math.max(1, Math.round(PROCESSING_CUE_INTERVAL_MS / pullWaitMs));
}

/**
 * The flow's poll for the call's next action: counts the poll (processing-cue pacing), takes the oldest action
 * (waiting up to PULL_WAIT_MS when long-polling) and turns it into `{next, text?, textType?, playBeepBop,
 * outputVariables?, pullMode}`. Runs every 0.4-1 s per call, so per-poll log lines are debug.
 */
export function createPullActionHandler(dependencies: PullActionHandlerDependencies): LambdaHandler<PullActionResponse> {
  const { config, queue } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('pull-action');
  const pullMode = pullModeFor(config.pullWaitMs);
  const pullOptions = { waitMs: config.pullWaitMs };
  const cueEvery = processingCueEvery(config.pullWaitMs);
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    errorResponse: (errorMessage) => pullActionError(errorMessage, pullMode),
    async handle(event, log) {
      const fail = (errorMessage: string): PullActionResponse => {
        log.error('pull failed', { errorMessage });
        return pullActionError(errorMessage, pullMode);
      };
      const companyMarker = companyMarkerOf(event);
      if (!companyMarker) return fail('missing companyMarker parameter');
      const guid = guidOf(event);
      if (!guid) return fail('missing guid parameter');
      const describeFailure = (error: unknown) =>
        valkeyConnectionFailure(error) ??
        `error retrieving action for ${actionsKey(companyMarker, guid)} - ${errorMessageOf(error)}`;
      // Sent together on the one connection (the counter first, as in ASAPP's module): one round trip, not two.
      const [cue, pulled] = await Promise.allSettled([
        queue.nextProcessingCue(companyMarker, guid, cueEvery),
        queue.pull(companyMarker, guid, pullOptions),
      ]);
      if (pulled.status === 'rejected') return fail(describeFailure(pulled.reason));
      const action = pulled.value ?? undefined;
      if (cue.status === 'rejected') {
        if (!action) return fail(describeFailure(cue.reason));
        // The action has left the queue: deliver it rather than lose it, just without the cue.
        log.warn('processing cue counter failed', { errorMessage: describeFailure(cue.reason) });
      }
      const playBeepBop = cue.status === 'fulfilled' && cue.value ? 1 : 0;
      const response = responseForAction(action, playBeepBop, pullMode, config.ssmlConversions);
      if (action) log.info('action pulled', { next: response.next, playBeepBop });
      else log.debug('no action', { playBeepBop });
      return response;
    },
  });
}
