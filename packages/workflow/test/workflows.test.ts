import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './support/clean-clone';

const run = promisify(execFile);
const validator = join(__dirname, '..', 'node_modules', '.bin', 'action-validator');
const workflowsDir = join(repoRoot, '.github', 'workflows');
const actionsDir = join(repoRoot, '.github', 'actions');

const workflowFiles = readdirSync(workflowsDir)
  .filter((file) => file.endsWith('.yml'))
  .map((file) => join(workflowsDir, file));
const actionFiles = readdirSync(actionsDir).map((action) => join(actionsDir, action, 'action.yml'));
const allFiles = [...workflowFiles, ...actionFiles];
const texts = allFiles.map((file) => readFileSync(file, 'utf8'));

/** The README's section on the workflows: what a reader sets up. */
function workflowSection(): string {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Team workflow');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

const namesUsed = (kind: 'secrets' | 'vars') => [
  ...new Set(texts.flatMap((text) => [...text.matchAll(new RegExp(`\\b${kind}\\.([A-Z][A-Z0-9_]*)`, 'g'))].map((match) => match[1] as string))),
];

it.each(allFiles.map((file) => [file.slice(repoRoot.length + 1), file]))('%s is a valid workflow / action (action-validator)', async (_name, file) => {
  await expect(run(validator, [file])).resolves.toBeDefined();
});

it('action-validator refuses a workflow with a misspelt key, so the check above can fail', async () => {
  const bad = join(__dirname, 'fixtures', 'misspelt-workflow.yml');
  await expect(run(validator, [bad])).rejects.toMatchObject({ stderr: expect.stringContaining("Additional property 'stepz' is not allowed") });
});

it('the README names every secret and variable the workflows read', () => {
  const section = workflowSection();
  const used = [...namesUsed('secrets'), ...namesUsed('vars')];
  expect(used.length).toBeGreaterThan(0);
  expect(used.filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
});

it('every pnpm script the workflows run exists', () => {
  const rootScripts = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: object }).scripts);
  const infraScripts = Object.keys(
    (JSON.parse(readFileSync(join(repoRoot, 'apps', 'infra', 'package.json'), 'utf8')) as { scripts: object }).scripts,
  );
  // Shell lines only (a `run:` line or a line of a run block), not step names.
  const shellLines = texts.flatMap((text) => text.split('\n').map((line) => line.trim().replace(/^(?:- )?run: /, '')));
  const invocations = shellLines.filter((line) => line.startsWith('pnpm ')).map((line) => line.replace(/^pnpm (?:--silent )?/, ''));
  const infraPrefix = '--filter @genagent-connect/infra ';
  const commands = invocations.filter((line) => !line.startsWith('--filter')).map((line) => line.replace(/^run /, '').split(' ')[0] as string);
  const infraCommands = invocations.filter((line) => line.startsWith(infraPrefix)).map((line) => line.slice(infraPrefix.length).split(' ')[0] as string);
  expect(infraCommands.length).toBeGreaterThan(0);
  const builtIn = new Set(['install', 'exec']);
  expect(commands.filter((command) => !builtIn.has(command) && !rootScripts.includes(command))).toEqual([]);
  expect(infraCommands.filter((command) => !infraScripts.includes(command))).toEqual([]);
});

it('the local actions the workflows use exist', () => {
  const local = texts.flatMap((text) => [...text.matchAll(/uses: \.\/(\.github\/[\w./-]+)/g)].map((match) => match[1] as string));
  expect(local.length).toBeGreaterThan(0);
  expect(local.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
});
