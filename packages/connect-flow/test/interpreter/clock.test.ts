import { realClock, runFlow, scaledClock, virtualClock } from '../../src/interpreter';
import { act, eventsOfType, flowOf, hangUp } from './flows';

describe('scaledClock', () => {
  it('plays a call’s prompts in a fraction of their call time, keeping call-time durations', async () => {
    const flow = flowOf(
      act('speak', 'MessageParticipant', { Text: 'x'.repeat(100) }, { NextAction: 'pause' }),
      act('pause', 'MessageParticipant', { SSML: '<speak><break time="10s"/></speak>' }, { NextAction: 'hangUp' }),
      hangUp(),
    );
    const startedAt = Date.now();
    const result = await runFlow(flow, { clock: scaledClock(100) });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    const [speech, pause] = eventsOfType(result, 'speech');
    expect(speech?.durationMs).toBe(6000);
    expect(pause?.durationMs).toBe(10_000);
    expect(pause?.at).toBeGreaterThanOrEqual(6000);
    expect(result.durationMs).toBeGreaterThanOrEqual(16_000);
  });

  it('never lets a sleep end before its call time has passed', async () => {
    const clock = scaledClock(1000);
    for (const ms of [1, 250, 1500]) {
      const before = clock.now();
      await clock.sleep(ms);
      expect(clock.now() - before).toBeGreaterThanOrEqual(ms);
    }
  });

  it('ends a sleep early when its signal aborts', async () => {
    const clock = realClock();
    const abort = new AbortController();
    const sleeping = clock.sleep(60_000, abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('rejects factor %p', (factor) => {
    expect(() => scaledClock(factor)).toThrow(/factor must be a finite number above 0/);
  });
});

describe('virtualClock', () => {
  it('wakes sleepers in call-time order and advances now() to each wake time', async () => {
    const clock = virtualClock();
    const woke: [string, number][] = [];
    await Promise.all([
      clock.sleep(300).then(() => woke.push(['300', clock.now()])),
      clock.sleep(100).then(() => woke.push(['100', clock.now()])),
      clock.sleep(200).then(async () => {
        woke.push(['200', clock.now()]);
        await clock.sleep(50);
        woke.push(['200+50', clock.now()]);
      }),
    ]);
    expect(woke).toEqual([
      ['100', 100],
      ['200', 200],
      ['200+50', 250],
      ['300', 300],
    ]);
  });

  it('drops an aborted sleeper without disturbing the others', async () => {
    const clock = virtualClock();
    const abort = new AbortController();
    const aborted = clock.sleep(100, abort.signal);
    const kept = clock.sleep(500);
    abort.abort();
    await aborted;
    expect(clock.now()).toBe(0);
    await kept;
    expect(clock.now()).toBe(500);
  });
});
