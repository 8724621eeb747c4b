import { type ActionQueue, actionsKey, type CallActivity, type QueuedAction } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import { type ConnectEvent, contactIdForLogs, contactIdOf, parseConnectEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { type ContactLogger, createLambdaLogger, type Logger } from '../logging';
import { ASAPP_OUTCOME_METRICS, CONVERSATION_END_METRICS, PULL_ANSWER_METRICS, VALKEY_FAILURE_METRIC } from '../metrics/catalog';
import { type HandlerMetrics, NO_METRICS } from '../metrics/handler-metrics';
import { valkeyConnectionFailure } from '../valkey';
import { type CallLimit, callLimitReached, endsModule } from './call-limits';
import { longPoll } from './long-poll';
import {
  type PullActionResponse,
  type PullModeState,
  pullActionError,
  pullModeFor,
  responseForAction,
} from './pull-action-response';

type PullQueue = Pick<ActionQueue, 'pull' | 'nextProcessingCue' | 'observeActivity' | 'markActive'>;

export interface PullActionHandlerDependencies {
  readonly config: PullActionConfig;
  readonly queue: PullQueue;
  /** Default: a Powertools logger for `pull-action`. */
  readonly logger?: Logger;
  /**
   * Wall-clock epoch milliseconds, for the call's idle and length limits (every container of the function must agree
   * on it, so not a monotonic clock). Default `Date.now`. Also measures QueueWait against push-action's clock.
   */
  readonly clock?: () => number;
  /** Default: none (pullActionHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
}

/** pull-action's answers, conversation endings and Valkey failures, as the invocation ends. */
export const PULL_ACTION_FAILURE_METRICS = [
  ASAPP_OUTCOME_METRICS.configuration,
  PULL_ANSWER_METRICS.error,
  CONVERSATION_END_METRICS.error,
] as const;

function countAnswer(metrics: HandlerMetrics, response: PullActionResponse): void {
  metrics.count(PULL_ANSWER_METRICS[response.next]);
  if (response.next === 'disengage' || response.next === 'transferToAgent' || response.next === 'transferToSystem') {
    metrics.count(CONVERSATION_END_METRICS[response.next]);
  }
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
  readonly clock: () => number;
  /** What went wrong with a Valkey operation, for the flow and the log; counted once per invocation. */
  readonly describeFailure: (error: unknown) => string;
  /** The flow's error answer, logged and counted (as the limit's ending when a limit was reached). */
  readonly fail: (errorMessage: string | CallLimit) => PullActionResponse;
  /** Counts how long a taken action waited since its push. */
  readonly taken: (action: QueuedAction | null) => void;
}

/** An action reached the flow: the call is not idle. Failing to note it only delays the idle limit, so it is logged. */
async function markActive({ queue, companyMarker, guid, log, describeFailure }: CallPull): Promise<void> {
  try {
    await queue.markActive(companyMarker, guid);
  } catch (error) {
    log.warn('call activity update failed', { errorMessage: describeFailure(error) });
  }
}

/**
 * ASAPP's poll: counts the poll for the cue (on the 1st, 7th, 13th…), takes the oldest action, if any, and notes the
 * pull in the call's activity. All three are sent together on the one connection (the counter first, as in ASAPP's
 * module): one round trip, not three.
 */
async function poll(call: CallPull): Promise<PullActionResponse> {
  const { queue, config, companyMarker, guid, log, clock, describeFailure, fail } = call;
  const nowMs = clock();
  const [cue, pulled, activity] = await Promise.allSettled([
    queue.nextProcessingCue(companyMarker, guid),
    queue.pull(companyMarker, guid),
    queue.observeActivity(companyMarker, guid, nowMs),
  ]);
  if (pulled.status === 'rejected') return fail(describeFailure(pulled.reason));
  call.taken(pulled.value);
  const action = pulled.value ?? undefined;
  // The cue is decoration: without its counter the flow just plays silence this time.
  if (cue.status === 'rejected') log.warn('processing cue counter failed', { errorMessage: describeFailure(cue.reason) });
  if (activity.status === 'rejected') {
    // Without the activity the limits cannot be kept, so an empty pull ends the call (naming the cause, e.g. a full
    // cache); an action that has left the queue is delivered rather than lost.
    if (!action) return fail(describeFailure(activity.reason));
    log.warn('call activity failed', { errorMessage: describeFailure(activity.reason) });
  }
  if (activity.status === 'fulfilled') {
    const pulledActivity = { anyAction: action !== undefined, endsModule: endsModule(action) };
    const limit = callLimitReached(config, activity.value, nowMs, pulledActivity);
    if (limit) return fail(limit);
  }
  if (action) await markActive(call);
  const playBeepBop = cue.status === 'fulfilled' && cue.value ? 1 : 0;
  return responseForAction(action, playBeepBop, { pullMode: 'poll' }, config.ssmlConversions);
}

/**
 * Long-poll: waits up to PULL_WAIT_MS, consuming processingStart/processingEnd (see longPoll). The cue follows the
 * processing state, so no counter is kept: an empty answer while processing asks for it. The pull is noted in the
 * call's activity before the wait (a command sent behind a BLPOP would wait for it), and the limits are checked
 * after it.
 */
async function pullWaiting(call: CallPull, processingAtStart: boolean): Promise<PullActionResponse> {
  const { queue, config, companyMarker, guid, clock, describeFailure, fail, taken } = call;
  let activity: CallActivity;
  let outcome: Awaited<ReturnType<typeof longPoll>>;
  let anyAction = false;
  try {
    activity = await queue.observeActivity(companyMarker, guid, clock());
    outcome = await longPoll({
      waitMs: config.pullWaitMs,
      processing: processingAtStart,
      pull: async (waitMs) => {
        const action = await queue.pull(companyMarker, guid, { waitMs });
        taken(action);
        anyAction ||= action !== null;
        return action;
      },
    });
  } catch (error) {
    return fail(describeFailure(error));
  }
  const limit = callLimitReached(config, activity, clock(), { anyAction, endsModule: endsModule(outcome.action) });
  if (limit) return fail(limit);
  if (anyAction) await markActive(call);
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
  const clock = dependencies.clock ?? Date.now;
  const metrics = dependencies.metrics ?? NO_METRICS;
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
    metrics,
    failureMetrics: [PULL_ANSWER_METRICS.error, CONVERSATION_END_METRICS.error],
    async handle(event, log) {
      const processingAtStart = processingOf(event);
      const fail = (failure: string | CallLimit): PullActionResponse => {
        const { message: errorMessage, ending } = typeof failure === 'string' ? { message: failure, ending: 'error' as const } : failure;
        log.error('pull failed', { errorMessage, ending });
        metrics.count(PULL_ANSWER_METRICS.error);
        metrics.count(CONVERSATION_END_METRICS[ending]);
        return pullActionError(errorMessage, modeState(processingAtStart));
      };
      const companyMarker = companyMarkerOf(event);
      if (!companyMarker) return fail('missing companyMarker parameter');
      const guid = guidOf(event);
      if (!guid) return fail('missing guid parameter');
      let valkeyFailed = false;
      const describeFailure = (error: unknown) => {
        if (!valkeyFailed) metrics.count(VALKEY_FAILURE_METRIC);
        valkeyFailed = true;
        return (
          valkeyConnectionFailure(error) ??
          `error retrieving action for ${actionsKey(companyMarker, guid)} - ${errorMessageOf(error)}`
        );
      };
      const taken = (action: QueuedAction | null) => {
        if (action?.pushedAt !== undefined) metrics.queueWait(clock() - action.pushedAt);
      };
      const call: CallPull = { queue, config, companyMarker, guid, log, clock, describeFailure, fail, taken };
      const response = pullMode === 'poll' ? await poll(call) : await pullWaiting(call, processingAtStart);
      if (response.next === 'error') return response;
      countAnswer(metrics, response);
      const processing = response.pullMode === 'longPoll' ? response.processing : undefined;
      const logged = { next: response.next, playBeepBop: response.playBeepBop, processing };
      if (response.next === 'none') log.debug('no action', logged);
      else log.info('action pulled', logged);
      return response;
    },
  });
}
