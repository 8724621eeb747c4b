import { actionsKey } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';
import { contactIdForLogs, parseConnectEvent } from '../connect-event';
import { errorMessageOf } from '../errors';
import { guardedHandler, type LambdaHandler } from '../lambda-handler';
import { createLambdaLogger, type Logger } from '../logging';
import { ASAPP_OUTCOME_METRICS, CONVERSATION_END_METRICS, PULL_ANSWER_METRICS, VALKEY_FAILURE_METRIC } from '../metrics/catalog';
import { type HandlerMetrics, NO_METRICS } from '../metrics/handler-metrics';
import { valkeyConnectionFailure, valkeyFault } from '../valkey';
import type { CallLimit } from './call-limits';
import { type CallPull, deliveryState, type PullQueue, type Taken } from './call-pull';
import { poll } from './poll';
import { type AnswerState, type PullActionResponse, pullActionError, pullModeFor, responseForAction } from './pull-action-response';
import { companyMarkerOf, guidOf, lastSequenceOf, processingOf } from './pull-event';
import { pullWaiting } from './pull-waiting';
import { ValkeyOutageClock } from './valkey-outage';

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
