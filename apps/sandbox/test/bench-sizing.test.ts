import { pingValkey, startValkeyServer } from '@genagent-connect/local-valkey';
import type { CallRecord } from '../src';
import { billedMs, gbSeconds, invocationsOf, usageByHandler } from '../bench/lambda-usage';
import type { WorkloadResult } from '../bench/measure';
import { workloadSizing } from '../bench/sizing-report';
import { commandsBetween, isConnectionSetup, parseCommandStats, readCommandStats } from '../bench/valkey-commands';

// The sizing numbers in the README come from these; they check the arithmetic, not the bench's results.
describe('bench Lambda usage', () => {
  it('bills each invocation rounded up to a whole millisecond, at least 1 ms', () => {
    expect([0.2, 1, 1.01, 4999.5].map(billedMs)).toEqual([1, 1, 2, 5000]);
  });

  it('turns billed milliseconds and memory into GB-seconds', () => {
    expect(gbSeconds(1000, 1024)).toBe(1);
    expect(gbSeconds(2000, 256)).toBe(0.5);
  });

  it("counts the flow's Lambda events by handler and ASAPP's pushes as push-action", () => {
    const record = {
      handlerOfArn: { 'arn:pull': 'pull-action', 'arn:engage': 'engage' },
      result: {
        events: [
          { type: 'lambda', arn: 'arn:engage', durationMs: 20.5 },
          { type: 'speech', durationMs: 3000 },
          { type: 'lambda', arn: 'arn:pull', durationMs: 5000 },
          { type: 'lambda', arn: 'arn:pull', durationMs: 0.4 },
        ],
      },
      pushes: [{ sentAtMs: 100, landedAtMs: 102.5 }],
    } as unknown as CallRecord;
    expect(usageByHandler(invocationsOf(record))).toEqual({
      engage: { invocations: 1, durationMs: 20.5, billedMs: 21 },
      'pull-action': { invocations: 2, durationMs: 5000.4, billedMs: 5001 },
      'push-action': { invocations: 1, durationMs: 2.5, billedMs: 3 },
    });
  });

  it('gives per call-minute rates, concurrency per call as durations over call time, and Valkey traffic without handshakes', () => {
    const result = {
      calls: 2,
      callMs: 120_000,
      lambdas: {
        'push-action': { invocations: 10, durationMs: 20, billedMs: 20 },
        'pull-action': { invocations: 20, durationMs: 60_000, billedMs: 60_000 },
      },
      valkeyCommands: { blpop: 20, ping: 20, 'client|setname': 4, rpush: 10 },
    } as unknown as WorkloadResult;
    const sizing = workloadSizing(result);
    expect(sizing.callMinutes).toBe(2);
    expect(sizing.functions.map((fn) => fn.handler)).toEqual(['pull-action', 'push-action', 'all']);
    expect(sizing.functions[0]).toEqual({
      handler: 'pull-action',
      invocationsPerCallMinute: 10,
      meanDurationMs: 3000,
      gbSecondsPerCallMinute: 7.5,
      concurrentPerCall: 0.5,
    });
    expect(sizing.functions[2]).toMatchObject({ handler: 'all', invocationsPerCallMinute: 15, concurrentPerCall: 60_020 / 120_000 });
    expect(sizing.functions[2]?.meanDurationMs).toBeCloseTo(60_020 / 30);
    expect(sizing.valkeyCommandsPerCallMinute).toBe(25);
    expect(sizing.valkeyTopCommands[0]).toEqual(['blpop', 10]);
    expect(sizing.valkeySetupCommandsPerCall).toBe(2);
  });
});

describe('bench Valkey command counts', () => {
  it('parses INFO commandstats and counts what was made between two snapshots, leaving out INFO itself', () => {
    const before = parseCommandStats('# Commandstats\r\ncmdstat_lpop:calls=3,usec=10,usec_per_call=3.3\r\ncmdstat_info:calls=1,usec=5\r\n');
    const after = parseCommandStats(
      '# Commandstats\r\ncmdstat_lpop:calls=8,usec=30\r\ncmdstat_client|setname:calls=2,usec=1\r\ncmdstat_info:calls=2,usec=9\r\n',
    );
    expect(before).toEqual({ lpop: 3, info: 1 });
    expect(commandsBetween(before, after)).toEqual({ lpop: 5, 'client|setname': 2 });
    expect(['client|setname', 'hello', 'ping', 'blpop'].map(isConnectionSetup)).toEqual([true, true, false, false]);
  });

  it('reads the counters of a real server', async () => {
    const server = await startValkeyServer();
    try {
      const before = await readCommandStats(server);
      expect(await pingValkey(server.host, server.port)).toBe(true);
      expect(commandsBetween(before, await readCommandStats(server))).toEqual({ ping: 1 });
    } finally {
      await server.stop();
    }
  });
});
