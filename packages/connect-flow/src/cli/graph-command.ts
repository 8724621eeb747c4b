import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flowToMermaid, graphableFlow } from '../graph';
import { checkFlowShape, FlowParseError } from '../model';
import { type CliIo, EXIT_FINDINGS, EXIT_OK } from './io';

/** `graph FILE [--out FILE]`: writes the flow's Mermaid diagram to the out file, or to stdout. */
export function graphCommand(file: string, out: string | undefined, io: CliIo): number {
  let diagram: string;
  try {
    const text = readFileSync(resolve(io.cwd, file), 'utf8');
    const shape = checkFlowShape(text);
    const flow = shape.ok ? shape.flow : graphableFlow(text);
    if (flow === undefined) {
      io.stderr(`${new FlowParseError(file, shape.ok ? [] : shape.issues).message}\n`);
      return EXIT_FINDINGS;
    }
    // Drawing a flow the schema rejects still helps: its identifiers and transitions are enough.
    if (!shape.ok) io.stderr(`${file}: drawn from its identifiers and transitions; the schema rejects it (${shape.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')})\n`);
    diagram = flowToMermaid(flow);
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
