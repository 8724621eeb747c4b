import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type LambdaBinding, parseLambdaBinding } from './bindings';
import { DEFAULT_TIME_SCALE } from './run-call';

export const USAGE = `Usage: pnpm sandbox [options]

Runs a simulated inbound call through the sample inbound flow and the GenerativeAgent module, with the real Lambda
handlers in-process, a local Valkey and an ASAPP emulator, and prints the transcript.

Options:
  --scenario FILE          run a JSON scenario (see apps/sandbox/scenarios/); default: greeting, a question, disengage
  --flow FILE              run this flow or module JSON instead of the shipped flows
  --flows DIR              flows and modules its TransferToFlow and InvokeFlowModule blocks reach, by file name
  --lambda NAME_OR_ARN=H   bind a Lambda the flow calls to handler H: engage, pull-action, push-action,
                           call-transfer, call-context (repeatable)
  --json                   print the transcript as JSON (through pnpm: \`pnpm --silent sandbox --json\`, or pnpm's
                           script banner comes first)
  --out FILE               also write the JSON transcript to FILE, whatever the package manager prints
  --all-polls              list every PullAction poll and silence instead of condensing idle stretches
  --time-scale N           how much faster than real time prompts and silences play (default ${DEFAULT_TIME_SCALE}; 1 = real time)
  -h, --help               show this help

Environment: VALKEY_URL=redis://host:port uses that server instead of starting valkey-server/redis-server;
POWERTOOLS_LOG_LEVEL=DEBUG shows the handlers' own log lines.
Exit status: 0 call as expected, 1 the scenario's expectations failed or the flow could not run, 2 bad usage or setup.`;

export interface CliOptions {
  readonly help: boolean;
  readonly scenarioFile?: string;
  readonly flowFile?: string;
  readonly flowsDir?: string;
  readonly bindings: readonly LambdaBinding[];
  readonly json: boolean;
  /** Where to write the JSON transcript besides stdout. */
  readonly outFile?: string;
  readonly condense: boolean;
  readonly timeScale: number;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses argv (without node and script); relative paths resolve from the current directory. */
export function parseCliArgs(argv: readonly string[], cwd: string = process.cwd()): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const timeScale = values['time-scale'] === undefined ? DEFAULT_TIME_SCALE : Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale < 1) {
    throw new UsageError(`--time-scale must be a number of at least 1, got "${values['time-scale']}"`);
  }
  let bindings: LambdaBinding[];
  try {
    bindings = (values.lambda ?? []).map(parseLambdaBinding);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    help: values.help ?? false,
    ...(values.scenario === undefined ? {} : { scenarioFile: resolve(cwd, values.scenario) }),
    ...(values.flow === undefined ? {} : { flowFile: resolve(cwd, values.flow) }),
    ...(values.flows === undefined ? {} : { flowsDir: resolve(cwd, values.flows) }),
    bindings,
    json: values.json ?? false,
    ...(values.out === undefined ? {} : { outFile: outFile(resolve(cwd, values.out)) }),
    condense: !(values['all-polls'] ?? false),
    timeScale,
  };
}

function outFile(path: string): string {
  if (!existsSync(dirname(path))) throw new UsageError(`--out ${path}: the directory ${dirname(path)} does not exist`);
  return path;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      scenario: { type: 'string' },
      flow: { type: 'string' },
      flows: { type: 'string' },
      lambda: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'all-polls': { type: 'boolean' },
      'time-scale': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
