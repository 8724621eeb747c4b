import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type LintFinding, lintFlow } from '../lint';
import { type CliIo, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './io';

const DEFAULT_FLOW_DIRECTORY = 'flow-modules';

/** `lint [files...] [--require-bound]`: prints each finding, then a summary; exit 1 when any finding is an error. */
export function lintCommand(files: readonly string[], requireBound: boolean, io: CliIo): number {
  const targets = files.length > 0 ? files : defaultFlowFiles(io.cwd);
  if (targets.length === 0) {
    io.stderr(`no flow files to lint: pass some, or run from the repository root (with ${DEFAULT_FLOW_DIRECTORY}/*.json)\n`);
    return EXIT_USAGE;
  }
  let errors = 0;
  let warnings = 0;
  for (const file of targets) {
    for (const finding of lintFile(resolve(io.cwd, file), requireBound)) {
      if (finding.severity === 'error') errors += 1;
      else warnings += 1;
      io.stdout(`${formatFinding(file, finding)}\n`);
    }
  }
  io.stdout(`Linted ${targets.length} flow file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}

function formatFinding(file: string, { severity, rule, actionId, message }: LintFinding): string {
  return `${file}: [${severity}] ${rule}${actionId === undefined ? '' : ` (${actionId})`}: ${message}`;
}

function defaultFlowFiles(cwd: string): string[] {
  const directory = resolve(cwd, DEFAULT_FLOW_DIRECTORY);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(DEFAULT_FLOW_DIRECTORY, name));
}

function lintFile(path: string, requireBound: boolean): LintFinding[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return [{ rule: 'read-file', severity: 'error', message: `cannot read the file: ${(error as Error).message}` }];
  }
  return lintFlow(text, { requireBound });
}
