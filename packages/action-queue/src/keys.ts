/** Every key lives for 6 hours after their last write: longer than any call, short enough to clean up after it. */
export const QUEUE_TTL_SECONDS = 21_600;

/** The call's FIFO list of JSON-serialised actions (RPUSH by PushAction, LPOP/BLPOP by PullAction). */
export function actionsKey(companyMarker: string, guid: string): string {
  return `asappActions:${companyMarker}:${guid}`;
}

/** The call's PullAction counter, which paces the processing cue. */
export function beepBopCounterKey(companyMarker: string, guid: string): string {
  return `asappStates:beepBopCounter:${companyMarker}:${guid}`;
}

/** When the call's first PullAction ran (epoch ms, set once): the conversation's length is measured from it. */
export function conversationStartKey(companyMarker: string, guid: string): string {
  return `asappStates:conversationStart:${companyMarker}:${guid}`;
}

/** When the call's current stretch of pulls without any action began (epoch ms); deleted when an action arrives. */
export function idleSinceKey(companyMarker: string, guid: string): string {
  return `asappStates:idleSince:${companyMarker}:${guid}`;
}

/** The call's actions handed to the flow and not yet acknowledged (LMOVE from the queue; deleted on acknowledgement). */
export function inFlightKey(companyMarker: string, guid: string): string {
  return `asappInFlight:${companyMarker}:${guid}`;
}

/** The call's last sequence number given to a pushed action (INCR per push). */
export function sequenceKey(companyMarker: string, guid: string): string {
  return `asappStates:sequence:${companyMarker}:${guid}`;
}
