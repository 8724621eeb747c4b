import type { CallActivity } from '@genagent-connect/action-queue';
import { callLimitReached, endsModule } from './call-limits';
import { type CallPull, deliveryState, markActive } from './call-pull';
import { longPoll } from './long-poll';
import { type PullActionResponse, responseForAction } from './pull-action-response';

/**
 * Long-poll: waits up to PULL_WAIT_MS, consuming processingStart/processingEnd (see longPoll). The cue follows the
 * processing state, so no counter is kept: an empty answer while processing asks for it. The pull is noted in the
 * call's activity before the wait (a command sent behind a BLPOP would wait for it), and the limits are checked
 * after it.
 */
export async function pullWaiting(call: CallPull, processingAtStart: boolean): Promise<PullActionResponse> {
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
