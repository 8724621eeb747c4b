/**
 * Call time. Every timed thing the interpreter does (prompts, TTS, Lambda time limits, the caller's hang-up) goes
 * through a clock, so the sandbox can run a call in real time, faster than real time, or fully simulated.
 */
export interface Clock {
  /** Milliseconds of call time since an arbitrary origin; never decreases. */
  now(): number;
  /** Resolves once `ms` of call time has passed, or as soon as `signal` aborts (so callers can cancel timers). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time: a 10 s prompt takes 10 s. */
export function realClock(): Clock {
  return scaledClock(1);
}

/**
 * Call time runs `factor` times faster than real time (factor 10: a 10 s prompt takes 1 s). Everything is scaled,
 * including the real time Lambda handlers take, so durations measured on this clock are real durations × factor.
 */
export function scaledClock(factor: number): Clock {
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new RangeError(`scaledClock: factor must be a finite number above 0 (got ${factor})`);
  }
  const origin = performance.now();
  const now = () => (performance.now() - origin) * factor;
  return {
    now,
    async sleep(ms, signal) {
      const until = now() + ms;
      // Timers round to whole milliseconds and may fire a little early; loop until call time has really advanced.
      for (let remaining = ms; remaining > 0 && !signal?.aborted; remaining = until - now()) {
        await realDelay(remaining / factor, signal);
      }
    },
  };
}

/**
 * Simulated time: call time advances only by sleeping, and a sleep ends as soon as nothing earlier is pending, so a
 * one-hour call runs in milliseconds. Timers fire in call-time order. Only for runs whose dependencies (Lambdas,
 * transfers) settle without real I/O: a handler awaiting a socket would see every time limit expire first.
 */
export function virtualClock(): Clock {
  let current = 0;
  let sequence = 0;
  let tickScheduled = false;
  const timers: { at: number; order: number; wake: () => void }[] = [];

  // One timer per macrotask: the woken code runs its microtasks (and registers its next sleeps) before the next tick.
  const tick = () => {
    tickScheduled = false;
    timers.sort((a, b) => a.at - b.at || a.order - b.order);
    const next = timers.shift();
    if (next === undefined) return;
    current = Math.max(current, next.at);
    next.wake();
    scheduleTick();
  };
  const scheduleTick = () => {
    if (tickScheduled || timers.length === 0) return;
    tickScheduled = true;
    setImmediate(tick);
  };

  return {
    now: () => current,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const onAbort = () => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
          resolve();
        };
        const timer = {
          at: current + Math.max(0, ms),
          order: sequence++,
          wake: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        timers.push(timer);
        signal?.addEventListener('abort', onAbort, { once: true });
        scheduleTick();
      });
    },
  };
}

function realDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(1, Math.ceil(ms)));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
