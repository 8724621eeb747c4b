import { callLimitReached, endsModule } from './call-limits';
import { type CallPull, deliveryState, markActive } from './call-pull';
import { type PullActionResponse, responseForAction } from './pull-action-response';

/**
 * ASAPP's poll: counts the poll for the cue (on the 1st, 7th, 13th…), takes the oldest action, if any, and notes the
 * pull in the call's activity. All three are sent together on the one connection (the counter first, as in ASAPP's
 * module): one round trip, not three.
 */
export async function poll(call: CallPull): Promise<PullActionResponse> {
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
