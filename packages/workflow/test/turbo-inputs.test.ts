import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanClone, removeClone, turboBin, turboEnv } from './support/clean-clone';

// A cache hit is only right when the task's hash covers every file the task reads. These check that the files the
// tasks read outside their package (flow-modules/, environments/) are in the hashes of exactly the tasks that read them.

const TASKS = ['build', 'typecheck', 'lint', 'test', 'synth', 'tf:check'];
let root: string;

beforeAll(() => {
  root = cleanClone({ install: false });
});
afterAll(() => removeClone(root));

function taskHashes(): Record<string, string> {
  const dry = execFileSync(turboBin, ['run', ...TASKS, '--dry=json'], { cwd: root, env: turboEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const { tasks } = JSON.parse(dry) as { tasks: { taskId: string; hash: string; command: string }[] };
  // This package's own tests read the whole tree (clean clones of it), so every change re-runs them: left out here.
  const relevant = tasks.filter((task) => task.command !== '<NONEXISTENT>' && !task.taskId.startsWith('@genagent-connect/workflow#'));
  return Object.fromEntries(relevant.map((task) => [task.taskId, task.hash]));
}

function changedBy(edit: () => void): string[] {
  const before = taskHashes();
  edit();
  const after = taskHashes();
  return Object.keys(before)
    .filter((task) => before[task] !== after[task])
    .sort();
}

it('a changed flow module re-runs the tests of every package that reads flow-modules/, and synth, and nothing else', () => {
  const changed = changedBy(() => appendFileSync(join(root, 'flow-modules', 'generative-agent-module.json'), '\n'));
  expect(changed).toEqual([
    '@genagent-connect/connect-flow#test',
    '@genagent-connect/constructs#test',
    '@genagent-connect/infra#synth',
    '@genagent-connect/infra#test',
    '@genagent-connect/infra#tf:check',
    '@genagent-connect/sandbox#test',
  ]);
});

it('a changed environment file re-runs synth, tf:check and the infra tests', () => {
  const changed = changedBy(() => appendFileSync(join(root, 'environments', 'dev.json'), '\n'));
  expect(changed).toEqual(['@genagent-connect/infra#synth', '@genagent-connect/infra#test', '@genagent-connect/infra#tf:check']);
});

it('a changed real flow in shared/ beside the clone re-runs the connect-flow and sandbox tests that read it', () => {
  const realFlows = join(root, '..', 'shared', 'real-flows');
  mkdirSync(realFlows, { recursive: true });
  const changed = changedBy(() => writeFileSync(join(realFlows, 'probe.json'), '{}'));
  expect(changed).toEqual(['@genagent-connect/connect-flow#test', '@genagent-connect/sandbox#test']);
});

it('a changed handler re-bundles the Lambdas and re-runs everything built on them', () => {
  const changed = changedBy(() => appendFileSync(join(root, 'packages', 'lambdas', 'src', 'handlers', 'engage.ts'), '\n'));
  expect(changed).toEqual(
    expect.arrayContaining([
      '@genagent-connect/lambdas#build',
      '@genagent-connect/lambdas#test',
      '@genagent-connect/infra#synth',
      '@genagent-connect/infra#tf:check',
      '@genagent-connect/sandbox#test',
    ]),
  );
});
