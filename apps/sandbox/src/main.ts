import { writeFileSync } from 'node:fs';
import { FlowParseError } from '@genagent-connect/connect-flow';
import { BindingError } from './bindings';
import { type CliOptions, parseCliArgs, USAGE, UsageError } from './cli-args';
import { defaultScenario } from './default-scenario';
import { checkExpectations } from './expectations';
import { formatTranscript } from './format-transcript';
import { runCall } from './run-call';
import { loadScenario, type Scenario, ScenarioError } from './scenario';
import { type SandboxServices, SetupError, startSandboxServices } from './services';
import { buildTranscript } from './transcript';

const EXIT_OK = 0;
const EXIT_UNEXPECTED = 1;
const EXIT_USAGE = 2;

async function simulate(options: CliOptions, scenario: Scenario, services: SandboxServices): Promise<number> {
  const record = await runCall({
    scenario,
    services,
    ...(options.flowFile === undefined ? {} : { flowFile: options.flowFile }),
    ...(options.flowsDir === undefined ? {} : { flowsDir: options.flowsDir }),
    bindings: options.bindings,
    timeScale: options.timeScale,
  });
  const transcript = buildTranscript(record, { condense: options.condense });
  const json = `${JSON.stringify(transcript, null, 2)}
`;
  if (options.outFile !== undefined) writeFileSync(options.outFile, json);
  process.stdout.write(options.json ? json : formatTranscript(transcript));
  // A scenario file given with --flow was written for that flow (scenarios/real-flows/, say); the built-in default was not.
  const failures = scenario.expect && (options.flowFile === undefined || options.scenarioFile !== undefined) ? checkExpectations(transcript, scenario.expect) : [];
  for (const failure of failures) process.stderr.write(`expectation failed: ${failure}\n`);
  return failures.length > 0 || transcript.outcome.endReason === 'error' ? EXIT_UNEXPECTED : EXIT_OK;
}

async function main(argv: readonly string[]): Promise<number> {
  let services: SandboxServices | undefined;
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      process.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    // Loaded before any server starts, so a typo costs nothing.
    const scenario = options.scenarioFile === undefined ? defaultScenario() : loadScenario(options.scenarioFile);
    services = await startSandboxServices({ ...(process.env.VALKEY_URL ? { valkeyUrl: process.env.VALKEY_URL } : {}) });
    return await simulate(options, scenario, services);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ScenarioError ||
      error instanceof SetupError ||
      error instanceof BindingError ||
      error instanceof FlowParseError
    ) {
      process.stderr.write(`sandbox: ${error.message}\n${error instanceof UsageError ? `\n${USAGE}\n` : ''}`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    await services?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
