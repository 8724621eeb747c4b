import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flowToMermaid } from '../graph';
import { parseFlow } from '../model';
import { type CliIo, EXIT_FINDINGS, EXIT_OK } from './io';

/** `graph FILE [--out FILE]`: writes the flow's Mermaid diagram to the out file, or to stdout. */
export function graphCommand(file: string, out: string | undefined, io: CliIo): number {
  let diagram: string;
  try {
    diagram = flowToMermaid(parseFlow(readFileSync(resolve(io.cwd, file), 'utf8'), file));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT_FINDINGS;
  }
  if (out === undefined) {
    io.stdout(diagram);
  } else {
    writeFileSync(resolve(io.cwd, out), diagram);
    io.stderr(`wrote ${out}\n`);
  }
  return EXIT_OK;
}
