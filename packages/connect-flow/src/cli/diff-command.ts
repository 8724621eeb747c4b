import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diffFlows, diffToMermaid, formatFlowDiff, isEmptyDiff } from '../diff';
import { parseFlow } from '../model';
import { type CliIo, EXIT_FINDINGS, EXIT_OK } from './io';

const FLOW_DIRECTORY = 'flow-modules';

/** One file's two versions; undefined where the file does not exist in that version. */
interface FileVersions {
  readonly path: string;
  readonly before?: string;
  readonly after?: string;
}

/**
 * `diff OLD NEW` (two flow files) or `diff REV..REV` (every flow-modules/*.json between two git revisions; an empty
 * right side is the working tree): the semantic diff of each changed file and its graph with the changes marked.
 */
export function diffCommand(positionals: readonly string[], io: CliIo): number {
  let files: FileVersions[];
  let title: string;
  try {
    if (positionals.length === 1 && positionals[0]?.includes('..')) {
      const [from = '', to = ''] = (positionals[0] as string).split('..');
      files = revisionFiles(io.cwd, from, to);
      title = `${FLOW_DIRECTORY}/ from ${from} to ${to || 'the working tree'}`;
    } else {
      const [before = '', after = ''] = positionals;
      files = [{ path: after, before: readFileSync(resolve(io.cwd, before), 'utf8'), after: readFileSync(resolve(io.cwd, after), 'utf8') }];
      title = `${before} → ${after}`;
    }
    const sections = files.flatMap(fileSection);
    io.stdout(sections.length === 0 ? `No flow changes in ${title}.\n` : `${sections.join('\n\n')}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT_FINDINGS;
  }
}

function fileSection({ path, before, after }: FileVersions): string[] {
  if (before === undefined) return [`### ${path}\n- new file`];
  if (after === undefined) return [`### ${path}\n- file deleted`];
  const newFlow = parseFlow(after, path);
  const diff = diffFlows(parseFlow(before, `${path} (before)`), newFlow);
  if (isEmptyDiff(diff)) return [];
  return [`### ${path}\n${formatFlowDiff(diff)}\n\n\`\`\`mermaid\n${diffToMermaid(newFlow, diff)}\`\`\``];
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function revisionFiles(cwd: string, from: string, to: string): FileVersions[] {
  const list = (revision: string) =>
    git(cwd, ['ls-tree', '--name-only', revision, '--', `${FLOW_DIRECTORY}/`])
      .split('\n')
      .filter((file) => file.endsWith('.json'));
  const workingTree = to === '';
  const fromFiles = list(from);
  const toFiles = workingTree
    ? [...new Set([...fromFiles, ...git(cwd, ['ls-files', '--others', '--cached', '--exclude-standard', '--', `${FLOW_DIRECTORY}/`]).split('\n')])].filter(
        (file) => file.endsWith('.json') && existsSync(resolve(cwd, file)),
      )
    : list(to);
  const at = (revision: string, file: string) => git(cwd, ['show', `${revision}:./${file}`]);
  return [...new Set([...fromFiles, ...toFiles])].sort().map((path) => ({
    path,
    ...(fromFiles.includes(path) ? { before: at(from, path) } : {}),
    ...(toFiles.includes(path) ? { after: workingTree ? readFileSync(resolve(cwd, path), 'utf8') : at(to, path) } : {}),
  }));
}
