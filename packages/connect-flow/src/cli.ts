// Entry point of `pnpm flow:lint`, `pnpm flow:graph` and `pnpm flow:diff` (run through tsx from the repository root).
import { runCli } from './cli/run';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
