import type { AsappAction } from '@genagent-connect/action-queue';
import { CUE_INTERVAL_MS, longPoll } from '../src/pull-action/long-poll';

// The long-poll policy alone, on a virtual clock: which waits it asks the queue for, when it answers, with what.
// The handler tests run it against a real Valkey.

const call = { companyMarker: 'acme', guid: 'call' } as const;
const processingStart: AsappAction = { action: 'processingStart', ...call };
const processingEnd: AsappAction = { action: 'processingEnd', ...call };
const speak: AsappAction = { action: 'speak', ...call, speakParams: { text: 'Here you are.' } };
const disengage: AsappAction = { action: 'disengage', ...call };

type Arrival = readonly [atMs: number, action: AsappAction];

/**
 * Runs one long-poll against a call whose actions are pushed at the given call times. A pull hands over the next
 * action as soon as it has arrived, else waits its whole wait and finds nothing, as BLPOP does.
 */
async function run(options: { waitMs: number; processing: boolean; arrivals?: readonly Arrival[] }) {
  let clockMs = 0;
  const pending = [...(options.arrivals ?? [])];
  const waits: number[] = [];
  const outcome = await longPoll({
    waitMs: options.waitMs,
    processing: options.processing,
    now: () => clockMs,
    pull: async (waitMs) => {
      if (!Number.isInteger(waitMs) || waitMs < 1) throw new Error(`asked to wait ${waitMs} ms`);
      waits.push(waitMs);
      const next = pending[0];
      if (next !== undefined && next[0] <= clockMs + waitMs) {
        pending.shift();
        clockMs = Math.max(clockMs, next[0]);
        return next[1];
      }
      clockMs += waitMs;
      return null;
    },
  });
  return { ...outcome, waits, answeredAtMs: clockMs, leftInQueue: pending.length };
}

describe('longPoll', () => {
  it('waits the whole PULL_WAIT_MS while GenerativeAgent is idle', async () => {
    expect(await run({ waitMs: 5000, processing: false })).toEqual({
      action: undefined,
      processing: false,
      waits: [5000],
      answeredAtMs: 5000,
      leftInQueue: 0,
    });
  });

  it(`waits at most ${CUE_INTERVAL_MS} ms while processing, so the module can play the cue`, async () => {
    expect(await run({ waitMs: 5000, processing: true })).toMatchObject({ action: undefined, processing: true, waits: [2400] });
    expect(await run({ waitMs: 1000, processing: true })).toMatchObject({ action: undefined, processing: true, waits: [1000] });
  });

  it(`consumes processingStart and then waits at most ${CUE_INTERVAL_MS} ms more`, async () => {
    expect(await run({ waitMs: 5000, processing: false, arrivals: [[1000, processingStart]] })).toEqual({
      action: undefined,
      processing: true,
      waits: [5000, 2400],
      answeredAtMs: 3400,
      leftInQueue: 0,
    });
  });

  it('never waits past PULL_WAIT_MS from its start, whatever arrives', async () => {
    expect(await run({ waitMs: 5000, processing: false, arrivals: [[4000, processingStart]] })).toMatchObject({
      processing: true,
      waits: [5000, 1000],
      answeredAtMs: 5000,
    });
    // processingEnd does not give back the wait a processingStart took.
    expect(
      await run({ waitMs: 5000, processing: false, arrivals: [[500, processingStart], [1000, processingEnd]] }),
    ).toMatchObject({ action: undefined, processing: false, waits: [5000, 2400, 1900], answeredAtMs: 2900 });
  });

  it('consumes processingEnd and keeps waiting, to the same deadline', async () => {
    expect(await run({ waitMs: 5000, processing: true, arrivals: [[1000, processingEnd]] })).toEqual({
      action: undefined,
      processing: false,
      waits: [2400, 1400],
      answeredAtMs: 2400,
      leftInQueue: 0,
    });
  });

  it('answers with the first action the flow must act on, consuming the processing actions before it', async () => {
    const arrivals: Arrival[] = [[500, processingStart], [1500, processingEnd], [1500, speak], [1600, disengage]];
    expect(await run({ waitMs: 5000, processing: false, arrivals })).toEqual({
      action: speak,
      processing: false,
      waits: [5000, 2400, 1400],
      answeredAtMs: 1500,
      leftInQueue: 1,
    });
  });

  it('answers an action already queued at once, with the processing state it leaves', async () => {
    expect(await run({ waitMs: 5000, processing: false, arrivals: [[0, processingStart], [0, disengage]] })).toMatchObject({
      action: disengage,
      processing: true,
      answeredAtMs: 0,
    });
  });

  it('answers none without another pull once a processing action used up the wait', async () => {
    const arrivals: Arrival[] = [[2400, processingEnd], [2400, speak]];
    expect(await run({ waitMs: 5000, processing: true, arrivals })).toMatchObject({
      action: undefined,
      processing: false,
      waits: [2400],
      leftInQueue: 1,
    });
  });

  it('rejects when a pull fails, even after consuming processing actions', async () => {
    let pulls = 0;
    const pull = async () => {
      pulls += 1;
      if (pulls === 1) return processingStart;
      throw new Error('connection lost');
    };
    await expect(longPoll({ waitMs: 5000, processing: false, pull })).rejects.toThrow('connection lost');
  });
});
