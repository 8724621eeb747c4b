import { type ActionQueue, actionsKey, type CallActivity, type QueuedAction } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import { type ConnectEvent, contactIdForLogs, contactIdOf, parseConnectEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { type ContactLogger, createLambdaLogger, type Logger } from '../logging';
import { ASAPP_OUTCOME_METRICS, CONVERSATION_END_METRICS, PULL_ANSWER_METRICS, VALKEY_FAILURE_METRIC } from '../metrics/catalog';
import { type HandlerMetrics, NO_METRICS } from '../metrics/handler-metrics';
import { valkeyConnectionFailure, valkeyFault } from '../valkey';
import { type CallLimit, callLimitReached, endsModule } from './call-limits';
import { longPoll } from './long-poll';
import {
  type AnswerState,
  type PullActionResponse,
  pullActionError,
  pullModeFor,
  responseForAction,
} from './pull-action-response';
import { ValkeyOutageClock } from './valkey-outage';

type PullQueue = Pick<ActionQueue, 'pull' | 'pullReliably' | 'nextProcessingCue' | 'observeActivity' | 'markActive'>;

export interface PullActionHandlerDependencies {
  readonly config: PullActionConfig;
  readonly queue: PullQueue;
  /** Default: a Powertools logger for `pull-action`. */
  readonly logger?: Logger;
  /**
   * Wall-clock epoch milliseconds, for the call's idle and length limits (every container of the function must agree
   * on it, so not a monotonic clock). Default `Date.now`.
   */
  readonly clock?: () => number;
  /** Since when each call's pulls have met Valkey faults, in this container. Default: a new one per handler. */
  readonly outageClock?: ValkeyOutageClock;
  /** Waits, to pace a long-poll answering `none` during an outage. Default setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Default: none (pullActionHandlerFromEnvironment passes the function's EMF metrics). */
  readonly metrics?: HandlerMetrics;
}

/** What pull-action counts when it answers `error` before it could pull (configuration, a rejected event). */
export const PULL_ACTION_FAILURE_METRICS = [
  ASAPP_OUTCOME_METRICS.configuration,
  PULL_ANSWER_METRICS.error,
  CONVERSATION_END_METRICS.error,
] as const;

/** One per answer, and the call's ending when the answer leaves the module. */
function countAnswer(metrics: HandlerMetrics, response: PullActionResponse): void {
  metrics.count(PULL_ANSWER_METRICS[response.next]);
  if (response.next === 'disengage' || response.next === 'transferToAgent' || response.next === 'transferToSystem') {
    metrics.count(CONVERSATION_END_METRICS[response.next]);
  }
}

/**
 * A long-poll answering `none` at once would send the module straight back, spinning on a Valkey that fails fast
 * (connection refused); during an outage its answer waits until this long (or PULL_WAIT_MS, if shorter) after it began.
 */
const OUTAGE_LONG_POLL_PACE_MS = 1000;

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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

/**
 * This project's module passes `lastSequence` (its `genagentLastSequence` flow attribute, "0" before the first
 * action): the pull is then at-least-once. ASAPP's module passes nothing: undefined, the pull is ASAPP's LPOP.
 */
function lastSequenceOf(event: ConnectEvent): number | undefined | 'invalid' {
  const value = event.Details.Parameters.lastSequence;
  if (value === undefined) return undefined;
  if (value === '') return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
}

/** What one take from the queue gave: the action and, for an at-least-once pull, its sequence number. */
interface Taken {
  readonly action: QueuedAction;
  readonly sequence?: number;
}

/** One call's pull, once the call is known. */
interface CallPull {
  readonly queue: PullQueue;
  readonly config: PullActionConfig;
  readonly companyMarker: string;
  readonly guid: string;
  readonly log: ContactLogger;
  readonly clock: () => number;
  /**
   * Takes the call's next action (waiting up to waitMs), acknowledging `acknowledged` first when the pull is
   * at-least-once.
   */
  readonly take: (acknowledged: number, waitMs: number) => Promise<Taken | null>;
  /** The last sequence the flow passed (undefined for ASAPP's module). */
  readonly lastSequence: number | undefined;
  /** What went wrong with a Valkey operation, for the flow and the log. */
  readonly describeFailure: (error: unknown) => string;
  /** The flow's error answer, logged and counted (as the limit's ending when a limit was reached). */
  readonly fail: (failure: string | CallLimit) => PullActionResponse;
  /**
   * The answer to a failed Valkey operation: `none` while Valkey has failed the call for less than the outage grace
   * (unreachable, silent or full), else `error` naming what happened.
   */
  readonly fault: (error: unknown) => Promise<PullActionResponse>;
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
  const { queue, config, companyMarker, guid, log, clock, take, lastSequence, describeFailure, fail, fault } = call;
  const nowMs = clock();
  const [cue, pulled, activity] = await Promise.allSettled([
    queue.nextProcessingCue(companyMarker, guid),
    take(lastSequence ?? 0, 0),
    queue.observeActivity(companyMarker, guid, nowMs),
  ]);
  if (pulled.status === 'rejected') return fault(pulled.reason);
  const action = pulled.value?.action;
  // The cue is decoration: without its counter the flow just plays silence this time.
  if (cue.status === 'rejected') log.warn('processing cue counter failed', { errorMessage: describeFailure(cue.reason) });
  if (activity.status === 'rejected') {
    // Without the activity the limits cannot be kept, so an empty pull is a fault (a full cache refuses the SET NX):
    // `none` within the outage grace, then `error` naming the cause. An action that has left the queue is delivered.
    if (!action) return fault(activity.reason);
    log.warn('call activity failed', { errorMessage: describeFailure(activity.reason) });
  }
  if (activity.status === 'fulfilled') {
    const pulledActivity = { anyAction: action !== undefined, endsModule: endsModule(action) };
    const limit = callLimitReached(config, activity.value, nowMs, pulledActivity);
    if (limit) return fail(limit);
  }
  if (action) await markActive(call);
  const playBeepBop = cue.status === 'fulfilled' && cue.value ? 1 : 0;
  const delivery = deliveryState(lastSequence, pulled.value?.sequence);
  return responseForAction(action, playBeepBop, { pullMode: 'poll', ...delivery }, config.ssmlConversions);
}

/**
 * The sequence the flow will have received after this answer: the delivered action's, or what it already had (an
 * entry without a number, written by another PushAction, counts 0 and must not move the flow back). `{}` for ASAPP's
 * module.
 */
function deliveryState(lastSequence: number | undefined, delivered: number | undefined): { sequence?: number } {
  if (lastSequence === undefined) return {};
  return { sequence: Math.max(lastSequence, delivered ?? 0) };
}

/**
 * Long-poll: waits up to PULL_WAIT_MS, consuming processingStart/processingEnd (see longPoll). The cue follows the
 * processing state, so no counter is kept: an empty answer while processing asks for it. The pull is noted in the
 * call's activity before the wait (a command sent behind a BLPOP would wait for it), and the limits are checked
 * after it.
 */
async function pullWaiting(call: CallPull, processingAtStart: boolean): Promise<PullActionResponse> {
  const { queue, config, companyMarker, guid, log, clock, take, describeFailure, fail, fault } = call;
  let outcome: Awaited<ReturnType<typeof longPoll>>;
  let anyAction = false;
  // processingStart/processingEnd consumed on the way are acknowledged by the next take of this same invocation.
  let lastSequence = call.lastSequence;
  // As in poll mode, failed bookkeeping (a full cache refuses its SET NX) does not keep a queued action from the flow.
  const activity: { value: CallActivity } | { error: unknown } = await queue
    .observeActivity(companyMarker, guid, clock())
    .then((value) => ({ value }), (error: unknown) => ({ error }));
  try {
    outcome = await longPoll({
      waitMs: config.pullWaitMs,
      processing: processingAtStart,
      pull: async (waitMs) => {
        const taken = await take(lastSequence ?? 0, waitMs);
        anyAction ||= taken !== null;
        if (taken) lastSequence = deliveryState(lastSequence, taken.sequence).sequence;
        return taken?.action ?? null;
      },
    });
  } catch (error) {
    return fault(error);
  }
  if ('error' in activity) {
    if (!outcome.action) return fault(activity.error);
    log.warn('call activity failed', { errorMessage: describeFailure(activity.error) });
  } else {
    const limit = callLimitReached(config, activity.value, clock(), { anyAction, endsModule: endsModule(outcome.action) });
    if (limit) return fail(limit);
  }
  if (anyAction) await markActive(call);
  const processing = outcome.processing ? 1 : 0;
  const playBeepBop = outcome.action ? 0 : processing;
  const delivery = deliveryState(lastSequence, undefined);
  return responseForAction(outcome.action, playBeepBop, { pullMode: 'longPoll', processing, ...delivery }, config.ssmlConversions);
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
  const outageClock = dependencies.outageClock ?? new ValkeyOutageClock();
  const sleep = dependencies.sleep ?? sleepFor;
  const graceMs = config.valkeyOutageGraceSeconds * 1000;
  const logger = dependencies.logger ?? createLambdaLogger('pull-action');
  const pullMode = pullModeFor(config.pullWaitMs);
  const modeState = (processing: boolean, lastSequence?: number): AnswerState => ({
    ...(pullMode === 'poll' ? { pullMode } : { pullMode, processing: processing ? 1 : 0 }),
    ...deliveryState(lastSequence, undefined),
  }) as AnswerState;
  return guardedHandler({
    logger,
    parse: parseConnectEvent,
    contactIdOf: contactIdForLogs,
    // An event that could not be read says nothing about processing; the module ends the call on error anyway.
    errorResponse: (errorMessage) => pullActionError(errorMessage, modeState(false)),
    metrics,
    failureMetrics: [PULL_ANSWER_METRICS.error, CONVERSATION_END_METRICS.error],
    async handle(event, log) {
      const startedAt = performance.now();
      const processingAtStart = processingOf(event);
      const parsedSequence = lastSequenceOf(event);
      const lastSequence = typeof parsedSequence === 'number' ? parsedSequence : undefined;
      const fail = (failure: string | CallLimit): PullActionResponse => {
        const { message: errorMessage, ending } =
          typeof failure === 'string' ? { message: failure, ending: 'error' as const } : failure;
        log.error('pull failed', { errorMessage, ending });
        metrics.count(PULL_ANSWER_METRICS.error);
        metrics.count(CONVERSATION_END_METRICS[ending]);
        return pullActionError(errorMessage, modeState(processingAtStart, lastSequence));
      };
      let valkeyFailed = false;
      const valkeyFailure = () => {
        if (!valkeyFailed) metrics.count(VALKEY_FAILURE_METRIC);
        valkeyFailed = true;
      };
      if (parsedSequence === 'invalid') return fail('lastSequence must be a whole number (the module\'s genagentLastSequence)');
      const companyMarker = companyMarkerOf(event);
      if (!companyMarker) return fail('missing companyMarker parameter');
      const guid = guidOf(event);
      if (!guid) return fail('missing guid parameter');
      const describeFailure = (error: unknown) => {
        valkeyFailure();
        return (
          valkeyConnectionFailure(error) ??
          `error retrieving action for ${actionsKey(companyMarker, guid)} - ${errorMessageOf(error)}`
        );
      };
      const callKey = actionsKey(companyMarker, guid);
      let faulted = false;
      const fault = async (error: unknown): Promise<PullActionResponse> => {
        const what = valkeyFault(error);
        if (what === undefined) return fail(describeFailure(error));
        valkeyFailure();
        faulted = true;
        const outageMs = outageClock.failed(callKey, clock());
        if (outageMs >= graceMs) {
          return fail(`${what} (failing for ${Math.floor(outageMs / 1000)} s, valkeyOutageGraceSeconds ${config.valkeyOutageGraceSeconds})`);
        }
        log.warn('Valkey fault within the outage grace: answering none', { errorMessage: what, outageMs });
        if (pullMode === 'longPoll') {
          const paceMs = Math.min(config.pullWaitMs, OUTAGE_LONG_POLL_PACE_MS) - (performance.now() - startedAt);
          if (paceMs >= 1) await sleep(paceMs);
        }
        // The caller keeps hearing what the module plays between polls: silence, or the cue while processing.
        const playBeepBop = pullMode === 'longPoll' && processingAtStart ? 1 : 0;
        return responseForAction(undefined, playBeepBop, modeState(processingAtStart, lastSequence), config.ssmlConversions);
      };
      const take = async (acknowledged: number, waitMs: number): Promise<Taken | null> => {
        const taken: Taken | null =
          lastSequence !== undefined
            ? await queue.pullReliably(companyMarker, guid, acknowledged, { waitMs })
            : await queue.pull(companyMarker, guid, { waitMs }).then((action) => action && { action });
        // Push → pull of every action taken (a redelivered one again: the caller waited for it again).
        const pushedAt = taken?.action.pushedAt;
        if (pushedAt !== undefined) metrics.queueWait(clock() - pushedAt);
        return taken;
      };
      const call: CallPull = { queue, config, companyMarker, guid, log, clock, take, lastSequence, describeFailure, fail, fault };
      const response = pullMode === 'poll' ? await poll(call) : await pullWaiting(call, processingAtStart);
      if (!faulted) outageClock.recovered(callKey);
      if (response.next === 'error') return response;
      countAnswer(metrics, response);
      const processing = response.pullMode === 'longPoll' ? response.processing : undefined;
      const logged = { next: response.next, playBeepBop: response.playBeepBop, processing, sequence: response.sequence };
      if (response.next === 'none') log.debug('no action', logged);
      else log.info('action pulled', logged);
      return response;
    },
  });
}
