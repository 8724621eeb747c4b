import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { copyWorkspace } from './workspace-copy';

const run = promisify(execFile);

// The real cdktf CLI, offline, in a copy of the workspace: editing a handler there must change what a deploy ships.
let root: string;
let infraDir: string;
const env = { ...process.env, CHECKPOINT_DISABLE: '1' };

beforeAll(() => {
  root = copyWorkspace(['dev']);
  infraDir = join(root, 'apps', 'infra');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cdktfSynth = () => run(join(infraDir, 'node_modules', '.bin', 'cdktf'), ['synth'], { cwd: infraDir, env });

/** source_code_hash of each function of the dev stack, by function name. */
function sourceHashes(): Record<string, string> {
  const stack = JSON.parse(readFileSync(join(infraDir, 'cdktf.out', 'stacks', 'dev', 'cdk.tf.json'), 'utf8')) as {
    resource: { aws_lambda_function: Record<string, { function_name: string; source_code_hash: string }> };
  };
  return Object.fromEntries(Object.values(stack.resource.aws_lambda_function).map((fn) => [fn.function_name, fn.source_code_hash]));
}

const zipHash = (name: string) =>
  createHash('sha256')
    .update(readFileSync(join(root, 'packages', 'lambdas', 'dist', `${name}.zip`)))
    .digest('base64');

it('`cdktf synth` builds the Lambdas first: after a handler changes, its source_code_hash is the new zip', async () => {
  await cdktfSynth();
  const before = sourceHashes();
  expect(before['genagent-dev-engage']).toBe(zipHash('engage'));

  appendFileSync(join(root, 'packages', 'lambdas', 'src', 'handlers', 'engage.ts'), "\nexport const deployedRevision = 'probe';\n");
  await cdktfSynth();
  const after = sourceHashes();

  expect(after['genagent-dev-engage']).not.toBe(before['genagent-dev-engage']);
  expect(after['genagent-dev-engage']).toBe(zipHash('engage'));
  expect({ ...after, 'genagent-dev-engage': '' }).toEqual({ ...before, 'genagent-dev-engage': '' });
}, 120_000);

it('the app refuses to synthesize from a bundle older than its sources, naming the bundle and the file', async () => {
  appendFileSync(join(root, 'packages', 'lambdas', 'src', 'handlers', 'pull-action.ts'), "\nexport const deployedRevision = 'probe';\n");
  const synth = run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: infraDir, env });
  await expect(synth).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('packages/lambdas/dist/pull-action.zip: src/handlers/pull-action.ts changed since it was built'),
  });
}, 60_000);
