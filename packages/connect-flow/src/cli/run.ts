import { parseArgs } from 'node:util';
import { graphCommand } from './graph-command';
import { type CliIo, EXIT_USAGE } from './io';
import { lintCommand } from './lint-command';

const USAGE = `usage:
  connect-flow lint [files...] [--require-bound]   lint flow JSON (default: flow-modules/*.json)
  connect-flow graph FILE [--out FILE]             write the flow's Mermaid diagram (default: stdout)
`;

/** Runs one CLI command and returns its exit code; never calls process.exit, so tests can drive it. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'lint') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { 'require-bound': { type: 'boolean', default: false } },
        allowPositionals: true,
      });
      return lintCommand(positionals, values['require-bound'], io);
    }
    if (command === 'graph') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { out: { type: 'string' } },
        allowPositionals: true,
      });
      const [file, ...extra] = positionals;
      if (file === undefined || extra.length > 0) return usageError('graph takes exactly one FILE', io);
      return graphCommand(file, values.out, io);
    }
  } catch (error) {
    // parseArgs throws on unknown options; that is a usage mistake, not a crash.
    return usageError((error as Error).message, io);
  }
  return usageError(command === undefined ? 'no command given' : `unknown command "${command}"`, io);
}

function usageError(problem: string, io: CliIo): number {
  io.stderr(`${problem}\n${USAGE}`);
  return EXIT_USAGE;
}
