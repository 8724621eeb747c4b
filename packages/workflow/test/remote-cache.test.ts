import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cleanClone, removeClone, turboEnv } from './support/clean-clone';
import { type RemoteCacheServer, startRemoteCacheServer } from './support/remote-cache-server';

const run = promisify(execFile);

// Two clean clones share a real remote cache server on loopback: what the first builds, the second downloads. The
// infra package's tasks reach every kind of task (build through its Lambdas dependency, typecheck, lint, test, synth).
const TASKS = ['build', 'typecheck', 'lint', 'test', 'synth'];
const FILTER = '--filter=@genagent-connect/infra';
const SIGNATURE_KEY = 'workflow-test-signature-key';

interface TaskSummary {
  taskId: string;
  task: string;
  command: string;
  cache: { status: 'HIT' | 'MISS'; source?: 'LOCAL' | 'REMOTE' };
}

let server: RemoteCacheServer;
const clones: string[] = [];

beforeAll(async () => {
  server = await startRemoteCacheServer('workflow-test-token', SIGNATURE_KEY);
});
afterAll(async () => {
  await server.close();
  for (const clone of clones) removeClone(clone);
});

async function turboRunInCleanClone(
  tasks: readonly string[] = TASKS,
  filter = FILTER,
  signatureKey = SIGNATURE_KEY,
): Promise<{ root: string; tasks: TaskSummary[] }> {
  const root = cleanClone({ install: true });
  clones.push(root);
  await run('pnpm', ['exec', 'turbo', 'run', ...tasks, filter, '--summarize', '--concurrency=2'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    env: turboEnv({
      CHECKPOINT_DISABLE: '1',
      TURBO_API: server.url,
      TURBO_TOKEN: server.token,
      TURBO_TEAM: 'genagent-connect',
      TURBO_REMOTE_CACHE_SIGNATURE_KEY: signatureKey,
    }),
  });
  const runsDir = join(root, '.turbo', 'runs');
  const [summaryFile] = readdirSync(runsDir);
  const summary = JSON.parse(readFileSync(join(runsDir, summaryFile as string), 'utf8')) as { tasks: TaskSummary[] };
  return { root, tasks: summary.tasks.filter((task) => task.command !== '<NONEXISTENT>') };
}

const statusOf = (tasks: TaskSummary[]) => Object.fromEntries(tasks.map((task) => [task.taskId, task.cache.status]));

it('a second clean clone gets build, typecheck, lint, test and synth from the remote cache, signed, with no path of the first', async () => {
  const first = await turboRunInCleanClone();
  expect(new Set(first.tasks.map((task) => task.task))).toEqual(new Set(TASKS));
  expect(Object.values(statusOf(first.tasks))).not.toContain('HIT');

  const second = await turboRunInCleanClone();
  expect(statusOf(second.tasks)).toEqual(Object.fromEntries(first.tasks.map((task) => [task.taskId, 'HIT'])));
  expect(second.tasks.map((task) => task.cache.source)).toEqual(second.tasks.map(() => 'REMOTE'));

  // What the second clone replayed (synthesized stacks, bundle records) names no directory of the first. (The replayed
  // logs do: pnpm's script banner names the package directory.)
  const replayed = [
    ...readdirSync(join(second.root, 'apps', 'infra', 'cdktf.out'), { recursive: true, encoding: 'utf8' }).map((file) =>
      join(second.root, 'apps', 'infra', 'cdktf.out', file),
    ),
    ...readdirSync(join(second.root, 'packages', 'lambdas', 'dist')).map((file) => join(second.root, 'packages', 'lambdas', 'dist', file)),
  ].filter((file) => file.endsWith('.json'));
  expect(replayed.length).toBeGreaterThan(0);
  const naming = replayed.filter((file) => readFileSync(file, 'utf8').includes(first.root));
  expect(naming).toEqual([]);
}, 600_000);

it('a clone signing with another key trusts none of those artifacts (remoteCache.signature)', async () => {
  const stranger = await turboRunInCleanClone(['build'], '--filter=@genagent-connect/lambdas', 'another-key');
  expect(statusOf(stranger.tasks)).toEqual({ '@genagent-connect/lambdas#build': 'MISS' });
}, 120_000);
