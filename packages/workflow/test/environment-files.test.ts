import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanClone, removeClone, turboEnv } from './support/clean-clone';

// The README: adding an environment is adding one file, its name the stack's. So adding environments/qa.json and
// removing staging.json must keep the tests, synth and tf:check green: tests that need specific environments use
// their own fixtures, and those that check "every environment" take whatever the folder holds.
jest.setTimeout(300_000);

let root: string;

beforeAll(() => {
  root = cleanClone({ install: true });
  const environments = join(root, 'environments');
  const qa = JSON.parse(readFileSync(join(environments, 'dev.json'), 'utf8')) as Record<string, unknown> & {
    connectInstanceArn: string;
    asapp: Record<string, unknown>;
  };
  // A new user's copy of dev.json, with what must differ between environments changed (the cross-file checks).
  qa.namePrefix = 'genagent-qa';
  qa.connectInstanceArn = qa.connectInstanceArn.replace(/[0-9a-f]{4}$/, 'beef');
  qa.asapp.companyMarker = 'acme-qa';
  writeFileSync(join(environments, 'qa.json'), JSON.stringify(qa, null, 2));
  rmSync(join(environments, 'staging.json'));
});
afterAll(() => removeClone(root));

function run(command: string, args: readonly string[]): void {
  try {
    execFileSync(command, args, { cwd: root, env: turboEnv({ CHECKPOINT_DISABLE: '1' }), stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${command} ${args.join(' ')} failed:\n${`${stdout ?? ''}${stderr ?? ''}`.slice(-6000)}`);
  }
}

it('with qa.json added and staging.json removed, the infra tests, synth and tf:check pass, and only current stacks remain', () => {
  run('pnpm', ['exec', 'turbo', 'run', 'test', 'tf:check', '--filter=@genagent-connect/infra', '--concurrency=2']);
  expect(readdirSync(join(root, 'apps', 'infra', 'cdktf.out', 'stacks')).sort()).toEqual(['dev', 'prod', 'qa']);
});
