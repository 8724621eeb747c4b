import type { Clock } from '@genagent-connect/connect-flow';

/**
 * Call time for a sandboxed call. It runs at real speed, except while the caller is only listening to something
 * (a prompt, TTS, a silence, GenerativeAgent busy on a transferred leg): that stretch of call time passes `scale`
 * times faster. So Lambda handlers, Valkey round trips and BLPOP wake-ups take their real duration in call time,
 * while a 1 s silence takes 1000/scale ms of wall time and still advances call time by exactly 1000 ms.
 */
export interface PlaybackClock extends Clock {
  readonly scale: number;
  /** Marks the next `ms` of call time (from now) as playback, to pass `scale` times faster than real time. */
  fastForward(ms: number): void;
  /**
   * Runs `work` (a Lambda invoked while the flow plays something, such as ASAPP's push during a silence) with call
   * time at real speed, so its duration counts once, not `scale` times; the playback stretch still ends on time.
   */
  inRealTime<T>(work: () => Promise<T>): Promise<T>;
}

interface Sleeper {
  readonly until: number;
  readonly wake: () => void;
}

/**
 * Call time is piecewise linear in real time: from the anchor, `scale` ms of call time per real ms until `fastUntil`,
 * then 1 ms per ms. Re-anchoring whenever the fast stretch changes keeps the mapping exact in both directions, so a
 * sleep ending inside or after a fast stretch is scheduled at the right real moment.
 *
 * Timers fire up to a millisecond or so late, which inside a fast stretch is `scale` times more call time: a push due
 * mid-silence would slip to the silence's end and meet the next poll at once. So sleepers wake one at a time in
 * call-time order, and one woken late inside a fast stretch wakes at its own call time (call time is held back to
 * it, never below a value already reported); the rest of the stretch then plays on from there.
 */
class PiecewiseClock implements PlaybackClock {
  private anchorReal: number;
  private anchorCall = 0;
  private fastUntil = 0;
  private reported = 0;
  private realTimeHolds = 0;
  private sleepers: Sleeper[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly scale: number,
    private readonly realNow: () => number,
  ) {
    this.anchorReal = realNow();
  }

  now(): number {
    this.reported = Math.max(this.reported, this.callTimeAt(this.realNow()));
    return this.reported;
  }

  fastForward(ms: number): void {
    this.reanchor();
    this.fastUntil = Math.max(this.fastUntil, this.anchorCall + ms);
    this.schedule();
  }

  async inRealTime<T>(work: () => Promise<T>): Promise<T> {
    this.reanchor();
    this.realTimeHolds += 1;
    this.schedule();
    try {
      return await work();
    } finally {
      this.reanchor();
      this.realTimeHolds -= 1;
      this.schedule();
    }
  }

  // Restarts the piecewise mapping at this instant, before the rate or the stretch changes.
  private reanchor(): void {
    const real = this.realNow();
    this.anchorCall = this.callTimeAt(real);
    this.anchorReal = real;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        until: this.now() + Math.max(0, ms),
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((other) => other !== sleeper);
        this.schedule();
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.schedule();
    });
  }

  private fastSpan(): number {
    return this.realTimeHolds > 0 ? 0 : Math.max(0, this.fastUntil - this.anchorCall);
  }

  private callTimeAt(real: number): number {
    const elapsed = real - this.anchorReal;
    const fastSpan = this.fastSpan();
    const fastReal = fastSpan / this.scale;
    return elapsed <= fastReal ? this.anchorCall + elapsed * this.scale : this.anchorCall + fastSpan + (elapsed - fastReal);
  }

  private realTimeAt(call: number): number {
    const ahead = call - this.anchorCall;
    const fastSpan = this.fastSpan();
    return ahead <= fastSpan ? this.anchorReal + ahead / this.scale : this.anchorReal + fastSpan / this.scale + (ahead - fastSpan);
  }

  // One real timer, for the earliest sleeper; re-armed whenever sleepers or the fast stretch change.
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sleepers.length === 0) return;
    const earliest = Math.min(...this.sleepers.map((sleeper) => sleeper.until));
    const delay = Math.max(0, this.realTimeAt(earliest) - this.realNow());
    this.timer = setTimeout(() => this.wakeDue(), Math.ceil(delay));
  }

  private wakeDue(): void {
    const real = this.realNow();
    const next = this.sleepers.reduce<Sleeper | undefined>(
      (earliest, sleeper) => (earliest === undefined || sleeper.until < earliest.until ? sleeper : earliest),
      undefined,
    );
    if (next !== undefined && next.until <= this.callTimeAt(real)) {
      if (next.until < this.fastUntil) {
        this.anchorCall = Math.max(next.until, this.reported);
        this.anchorReal = real;
      }
      this.sleepers = this.sleepers.filter((sleeper) => sleeper !== next);
      next.wake();
    }
    this.schedule();
  }
}

/** `scale` 1 is real time; the clock starts at call time 0. */
export function createPlaybackClock(scale: number, realNow: () => number = () => performance.now()): PlaybackClock {
  if (!Number.isFinite(scale) || scale < 1) {
    throw new RangeError(`time scale must be a finite number of at least 1 (got ${scale})`);
  }
  return new PiecewiseClock(scale, realNow);
}
