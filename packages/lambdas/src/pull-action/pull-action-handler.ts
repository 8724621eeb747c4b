import { type ActionQueue, actionsKey } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import { type ConnectEvent, contactIdForLogs, contactIdOf, parseConnectEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { type ContactLogger, createLambdaLogger, type Logger } from '../logging';
import { valkeyConnectionFailure } from '../valkey';
import { longPoll } from './long-poll';
import {
  type PullActionResponse,
  type PullModeState,
  pullActionError,
  pullModeFor,
  responseForAction,
} from './pull-action-response';

type PullQueue = Pick<ActionQueue, 'pull' | 'nextProcessingCue'>;

export interface PullActionHandlerDependencies {
  readonly config: PullActionConfig;
  readonly queue: PullQueue;
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

/** The module passes its `genagentProcessing` flow attribute as parameter `processing` ("1" while processing). */
function processingOf(event: ConnectEvent): boolean {
  return event.Details.Parameters.processing === '1';
}

/** One call's pull, once the call is known. */
interface CallPull {
  readonly queue: PullQueue;
  readonly config: PullActionConfig;
  readonly companyMarker: string;
  readonly guid: string;
  readonly log: ContactLogger;
  /** What went wrong with a Valkey operation, for the flow and the log. */
  readonly describeFailure: (error: unknown) => string;
  /** The flow's error answer, logged. */
  readonly fail: (errorMessage: string) => PullActionResponse;
}

/**
 * ASAPP's poll: counts the poll for the cue (on the 1st, 7th, 13th…) and takes the oldest action, if any. Both are
 * sent together on the one connection (the counter first, as in ASAPP's module): one round trip, not two.
 */
async function poll({ queue, config, companyMarker, guid, log, describeFailure, fail }: CallPull): Promise<PullActionResponse> {
  const [cue, pulled] = await Promise.allSettled([
    queue.nextProcessingCue(companyMarker, guid),
    queue.pull(companyMarker, guid),
  ]);
  if (pulled.status === 'rejected') return fail(describeFailure(pulled.reason));
  const action = pulled.value ?? undefined;
  if (cue.status === 'rejected') {
    if (!action) return fail(describeFailure(cue.reason));
    // The action has left the queue: deliver it rather than lose it, just without the cue.
    log.warn('processing cue counter failed', { errorMessage: describeFailure(cue.reason) });
  }
  const playBeepBop = cue.status === 'fulfilled' && cue.value ? 1 : 0;
  return responseForAction(action, playBeepBop, { pullMode: 'poll' }, config.ssmlConversions);
}

/**
 * Long-poll: waits up to PULL_WAIT_MS, consuming processingStart/processingEnd (see longPoll). The cue follows the
 * processing state, so no counter is kept: an empty answer while processing asks for it.
 */
async function pullWaiting(call: CallPull, processingAtStart: boolean): Promise<PullActionResponse> {
  const { queue, config, companyMarker, guid, describeFailure, fail } = call;
  let outcome: Awaited<ReturnType<typeof longPoll>>;
  try {
    outcome = await longPoll({
      waitMs: config.pullWaitMs,
      processing: processingAtStart,
      pull: (waitMs) => queue.pull(companyMarker, guid, { waitMs }),
    });
  } catch (error) {
    return fail(describeFailure(error));
  }
  const processing = outcome.processing ? 1 : 0;
  const playBeepBop = outcome.action ? 0 : processing;
  return responseForAction(outcome.action, playBeepBop, { pullMode: 'longPoll', processing }, config.ssmlConversions);
}

/**
 * The flow's poll for the call's next action, turned into `{next, text?, textType?, playBeepBop, outputVariables?,
 * pullMode}` (plus `processing` when long-polling). Runs every 0.4-1 s per call in poll mode, so per-poll log lines
 * are debug.
 */
export function createPullActionHandler(dependencies: PullActionHandlerDependencies): LambdaHandler<PullActionResponse> {
  const { config, queue } = dependencies;
  const logger = dependencies.logger ?? createLambdaLogger('pull-action');
  const pullMode = pullModeFor(config.pullWaitMs);
  const modeState = (processing: boolean): PullModeState =>
    pullMode === 'poll' ? { pullMode } : { pullMode, processing: processing ? 1 : 0 };
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    // An event that could not be read says nothing about processing; the module ends the call on error anyway.
    errorResponse: (errorMessage) => pullActionError(errorMessage, modeState(false)),
    async handle(event, log) {
      const processingAtStart = processingOf(event);
      const fail = (errorMessage: string): PullActionResponse => {
        log.error('pull failed', { errorMessage });
        return pullActionError(errorMessage, modeState(processingAtStart));
      };
      const companyMarker = companyMarkerOf(event);
      if (!companyMarker) return fail('missing companyMarker parameter');
      const guid = guidOf(event);
      if (!guid) return fail('missing guid parameter');
      const describeFailure = (error: unknown) =>
        valkeyConnectionFailure(error) ??
        `error retrieving action for ${actionsKey(companyMarker, guid)} - ${errorMessageOf(error)}`;
      const call: CallPull = { queue, config, companyMarker, guid, log, describeFailure, fail };
      const response = pullMode === 'poll' ? await poll(call) : await pullWaiting(call, processingAtStart);
      if (response.next === 'error') return response;
      const processing = response.pullMode === 'longPoll' ? response.processing : undefined;
      const logged = { next: response.next, playBeepBop: response.playBeepBop, processing };
      if (response.next === 'none') log.debug('no action', logged);
      else log.info('action pulled', logged);
      return response;
    },
  });
}
