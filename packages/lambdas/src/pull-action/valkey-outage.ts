/**
 * Since when each call's pulls have met only Valkey faults (unreachable, silent, full), as seen by this container.
 *
 * Kept in the container, keyed by call, because the flow cannot help: ASAPP's published module passes nothing back,
 * and while Valkey is down there is nowhere shared to keep it. A call's pulls may land on several containers; each
 * counts from the first failed pull it served, which is never before the call's first failed pull. So a call is never
 * ended before the grace, and it is ended by the first of its containers whose count passes it (typically a poll
 * interval or two late). A container started mid-outage counts from its own first pull: a caller can be held somewhat
 * longer than the grace, never forever, as the container that served the first failed pull keeps counting.
 */
export class ValkeyOutageClock {
  private readonly failingSince = new Map<string, number>();

  constructor(
    /** At most this many calls are remembered; the oldest outages are forgotten first (Lambda memory is bounded). */
    private readonly maxCalls = 10_000,
  ) {}

  /** A pull of `call` met a Valkey fault at `nowMs`: milliseconds since its first consecutive fault. */
  failed(call: string, nowMs: number): number {
    const since = this.failingSince.get(call);
    if (since !== undefined) return nowMs - since;
    if (this.failingSince.size >= this.maxCalls) {
      const oldest = this.failingSince.keys().next();
      if (!oldest.done) this.failingSince.delete(oldest.value);
    }
    this.failingSince.set(call, nowMs);
    return 0;
  }

  /** A pull of `call` reached Valkey: its outage, if any, is over. */
  recovered(call: string): void {
    if (this.failingSince.size > 0) this.failingSince.delete(call);
  }
}
