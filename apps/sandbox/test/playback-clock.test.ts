import { createPlaybackClock } from '../src';

describe('PlaybackClock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function trackedSleep(promise: Promise<void>): { done: () => boolean } {
    let settled = false;
    promise.then(() => {
      settled = true;
    });
    return { done: () => settled };
  }

  it('runs call time at real speed outside playback', async () => {
    const clock = createPlaybackClock(10, () => Date.now());
    const sleep = trackedSleep(clock.sleep(50));
    await jest.advanceTimersByTimeAsync(49);
    expect(sleep.done()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(sleep.done()).toBe(true);
    expect(clock.now()).toBe(50);
  });

  it('plays a fast-forwarded stretch `scale` times faster, and exactly that stretch', async () => {
    const clock = createPlaybackClock(10, () => Date.now());
    clock.fastForward(1000);
    const sleep = trackedSleep(clock.sleep(1300));
    await jest.advanceTimersByTimeAsync(100);
    expect(clock.now()).toBe(1000);
    expect(sleep.done()).toBe(false);
    // The 300 ms past the stretch run in real time again.
    await jest.advanceTimersByTimeAsync(299);
    expect(sleep.done()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(sleep.done()).toBe(true);
    expect(clock.now()).toBe(1300);
  });

  it('reschedules a sleeper when a stretch starts while it waits', async () => {
    const clock = createPlaybackClock(10, () => Date.now());
    const sleep = trackedSleep(clock.sleep(1000));
    await jest.advanceTimersByTimeAsync(100);
    clock.fastForward(900);
    await jest.advanceTimersByTimeAsync(90);
    expect(sleep.done()).toBe(true);
    expect(clock.now()).toBe(1000);
  });

  it('wakes a sleeper that a late timer would carry past a stretch at its own call time, before the stretch ends', async () => {
    let timerLateness = 0;
    const clock = createPlaybackClock(100, () => Date.now() + timerLateness);
    clock.fastForward(1000);
    const order: string[] = [];
    const silence = clock.sleep(1000).then(() => order.push(`silence ends at ${clock.now()}`));
    const push = clock.sleep(500).then(() => order.push(`push at ${clock.now()}`));
    // The push's timer (due after 5 ms) fires 4 ms late: 400 ms of call time at ×100.
    await jest.advanceTimersByTimeAsync(4);
    timerLateness = 4;
    await jest.advanceTimersByTimeAsync(1);
    await push;
    await jest.advanceTimersByTimeAsync(5);
    await silence;
    expect(order).toEqual(['push at 500', 'silence ends at 1000']);
  });

  it('lets work inside a stretch take real time, and still ends the stretch at its call time', async () => {
    const clock = createPlaybackClock(10, () => Date.now());
    clock.fastForward(1000);
    const silence = trackedSleep(clock.sleep(1000));
    await jest.advanceTimersByTimeAsync(20);
    expect(clock.now()).toBe(200);
    await clock.inRealTime(() => jest.advanceTimersByTimeAsync(30));
    expect(clock.now()).toBe(230);
    await jest.advanceTimersByTimeAsync(76);
    expect(silence.done()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(silence.done()).toBe(true);
    expect(clock.now()).toBe(1000);
  });

  it('ends an aborted sleep at once', async () => {
    const clock = createPlaybackClock(10, () => Date.now());
    const abort = new AbortController();
    const sleep = trackedSleep(clock.sleep(10_000, abort.signal));
    abort.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep.done()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('refuses a scale below 1', () => {
    expect(() => createPlaybackClock(0.5)).toThrow('time scale must be a finite number of at least 1 (got 0.5)');
  });
});
