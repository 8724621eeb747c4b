import { fstatSync, writeSync } from 'node:fs';

const STDOUT = 1;

/**
 * Writes the JSON transcript to stdout so that `pnpm sandbox --json > call.json` leaves a file that parses. pnpm
 * writes its script banner into that file before this process starts; when stdout is a regular file, those bytes are
 * overwritten in place with spaces (JSON allows leading whitespace) before the transcript is appended. Pipes and
 * terminals get the transcript as it is: there, `pnpm --silent sandbox --json` or `--out FILE`.
 */
export function writeJsonToStdout(json: string): void {
  const stdout = fstatSync(STDOUT);
  // A positioned write leaves the shared file offset where the banner ended, so the transcript still follows it.
  if (stdout.isFile() && stdout.size > 0) writeSync(STDOUT, ' '.repeat(stdout.size), 0);
  process.stdout.write(json);
}
