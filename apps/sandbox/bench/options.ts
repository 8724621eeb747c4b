import { parseArgs } from 'node:util';
import { MAX_PULL_WAIT_MS } from '@genagent-connect/lambdas';
import { DEFAULT_TIME_SCALE } from '../src';

export interface BenchOptions {
  /** Workload 1: utterances per mode, spread over `calls` concurrent calls. */
  readonly utterances: number;
  /** Workload 2: conversation turns per call. */
  readonly turns: number;
  /** Concurrent calls per workload and mode. */
  readonly calls: number;
  /** Long-poll's PULL_WAIT_MS. */
  readonly pullWaitMs: number;
  readonly timeScale: number;
  readonly seed: number;
}

export const BENCH_USAGE = `Usage: pnpm --filter @genagent-connect/sandbox bench [options]
  --utterances N     speak-latency utterances per mode (default 200)
  --turns N          conversation turns per call (default 4)
  --calls N          concurrent calls per workload and mode (default 40)
  --pull-wait-ms N   long-poll PULL_WAIT_MS, 1-${MAX_PULL_WAIT_MS} (default ${MAX_PULL_WAIT_MS}, pull-action's MAX_PULL_WAIT_MS)
  --time-scale N     how much faster than real time prompts, TTS and silences play (default ${DEFAULT_TIME_SCALE})
  --seed N           random seed of the workloads (default 1)`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  // `pnpm bench -- --turns 2` passes the `--` through.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const values = parseFlags(args);
  const number = (name: keyof typeof values, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}\n${BENCH_USAGE}`);
    }
    return value;
  };
  return {
    utterances: number('utterances', 1),
    turns: number('turns', 1),
    calls: number('calls', 1),
    pullWaitMs: number('pull-wait-ms', 1, MAX_PULL_WAIT_MS),
    timeScale: number('time-scale', 1),
    seed: number('seed', 0),
  };
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        utterances: { type: 'string', default: '200' },
        turns: { type: 'string', default: '4' },
        calls: { type: 'string', default: '40' },
        'pull-wait-ms': { type: 'string', default: String(MAX_PULL_WAIT_MS) },
        'time-scale': { type: 'string', default: String(DEFAULT_TIME_SCALE) },
        seed: { type: 'string', default: '1' },
      },
    }).values;
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${BENCH_USAGE}`);
  }
}
