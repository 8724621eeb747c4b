import { parseArgs } from 'node:util';
import { diffCommand } from './diff-command';
import { graphCommand } from './graph-command';
import { type CliIo, EXIT_USAGE } from './io';
import { lintCommand } from './lint-command';

const USAGE = `usage:
  connect-flow lint [files...] [--require-bound]   lint flow JSON (default: flow-modules/*.json)
  connect-flow graph FILE [--out FILE]             write the flow's Mermaid diagram (default: stdout)
  connect-flow diff OLD NEW | diff REV..[REV]      semantic diff of two flow files, or of flow-modules/*.json between
                                                   two git revisions (no right side: the working tree), with graphs
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
    if (command === 'diff') {
      const { positionals } = parseArgs({ args: rest, options: {}, allowPositionals: true });
      const ranged = positionals.length === 1 && positionals[0]?.includes('..');
      if (!ranged && positionals.length !== 2) return usageError('diff takes OLD NEW, or one REV..REV range', io);
      return diffCommand(positionals, io);
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
