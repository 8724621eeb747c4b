// Speak latency (push → start of speech) and PullAction invocations per call-minute, poll mode vs long-poll, through
// the real module, handlers, Valkey and emulator, on the two workloads issue 5's targets are about. Not a test: it
// prints numbers. Run: pnpm --filter @genagent-connect/sandbox bench [--utterances 200] [--turns 4] [--calls 40]
// [--pull-wait-ms 5000] [--time-scale 50] [--seed 1]
import { startSandboxServices } from '../src';
import { type PullMode, runWorkload } from './measure';
import { type BenchOptions, parseBenchOptions } from './options';
import { formatReport } from './report';
import { seededRandom } from './stats';
import { type CallScript, conversationCall, idleSpeechCall } from './workloads';

/** Both modes run the same scripts: the seed fixes every push time, answer and sentence. */
function scripts(options: BenchOptions): { latency: CallScript[]; conversation: CallScript[] } {
  const random = seededRandom(options.seed);
  const utterancesOfCall = (index: number) =>
    Math.floor(options.utterances / options.calls) + (index < options.utterances % options.calls ? 1 : 0);
  const latencyCalls = Math.min(options.calls, options.utterances);
  return {
    latency: Array.from({ length: latencyCalls }, (_, index) => idleSpeechCall(utterancesOfCall(index), random)),
    conversation: Array.from({ length: options.calls }, () => conversationCall(options.turns, random)),
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const { latency, conversation } = scripts(options);
  const poll: PullMode = { label: 'poll (ASAPP module)', pull: { mode: 'poll' } };
  const longPoll: PullMode = {
    label: `long-poll (wait ${options.pullWaitMs} ms)`,
    pull: { mode: 'longPoll', waitMs: options.pullWaitMs },
  };
  const services = await startSandboxServices({ ...(process.env.VALKEY_URL ? { valkeyUrl: process.env.VALKEY_URL } : {}) });
  try {
    // One workload at a time, so the latency calls have the machine to themselves.
    const run = (name: string, workload: CallScript[], mode: PullMode) =>
      runWorkload({ services, scripts: workload, mode, timeScale: options.timeScale, name });
    const results = {
      options,
      latency: { poll: await run('latency', latency, poll), longPoll: await run('latency', latency, longPoll) },
      conversation: { poll: await run('conversation', conversation, poll), longPoll: await run('conversation', conversation, longPoll) },
    };
    console.log(formatReport(results));
  } finally {
    await services.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
