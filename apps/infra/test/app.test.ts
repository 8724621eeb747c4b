import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthesizedStackNames } from '../scripts/tf-check/synthesized-stacks';
import { synthesizeEnvironments } from '../src/app';
import { EnvironmentConfigError } from '../src/config/load-environments';
import { fixtureEnvironmentsDir, repoEnvironmentsDir } from './synth';

const repoRoot = resolve(__dirname, '../../..');

function workspace(files: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'infra-app-'));
  const environmentsDir = join(root, 'environments');
  mkdirSync(environmentsDir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(environmentsDir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { root, environmentsDir, outdir: join(root, 'cdktf.out') };
}

const devFile = JSON.parse(readFileSync(join(fixtureEnvironmentsDir, 'dev.json'), 'utf8')) as Record<string, unknown>;

/** dev.json as another environment: its own name prefix and Connect instance (cross-file validation wants both). */
function otherEnvironment(namePrefix: string, instanceNumber: number, overrides: Record<string, unknown> = {}) {
  const instance = `0d3c4b5a-1e2f-4a3b-8c4d-${String(instanceNumber).padStart(12, '0')}`;
  const connectInstanceArn = String(devFile.connectInstanceArn).replace(/[0-9a-f-]{36}$/, instance);
  return { ...devFile, namePrefix, connectInstanceArn, ...overrides };
}

describe('synthesizeEnvironments', () => {
  it('writes one stack per environment file, named after the file', () => {
    const { root, environmentsDir, outdir } = workspace({ 'dev.json': devFile, 'qa.json': otherEnvironment('genagent-qa', 1) });
    expect(synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toEqual(['dev', 'qa']);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(['dev', 'qa']);
    expect(existsSync(join(outdir, 'stacks', 'qa', 'cdk.tf.json'))).toBe(true);
  });

  it('removes the stack of an environment whose file is gone, so nothing downstream takes it for current', () => {
    const { root, environmentsDir, outdir } = workspace({ 'dev.json': devFile, 'qa.json': otherEnvironment('genagent-qa', 1) });
    synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir });
    rmSync(join(environmentsDir, 'qa.json'));
    expect(synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toEqual(['dev']);
    expect(readdirSync(join(outdir, 'stacks'))).toEqual(['dev']);
    expect(synthesizedStackNames(outdir)).toEqual(['dev']);
  });

  it('synthesizes nothing when any file is bad, and names the file, field and expectation', () => {
    const { root, environmentsDir, outdir } = workspace({
      'dev.json': devFile,
      'qa.json': { ...devFile, namePrefix: 'genagent-qa', valkey: { replicas: 0 } },
    });
    expect(() => synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toThrow(EnvironmentConfigError);
    expect(() => synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toThrow(
      'environments/qa.json: valkey.replicas: expected at least 1 replica',
    );
    expect(existsSync(outdir)).toBe(false);
  });

  it('names the file when a valid file breaks a limit the constructs check', () => {
    const hugeSsml = Array.from({ length: 80 }, (_, index) => ({ searchFor: `\\bterm${index}\\b`, replaceWith: 'x'.repeat(40) }));
    const { root, environmentsDir, outdir } = workspace({ 'dev.json': { ...devFile, ssmlConversions: hugeSsml } });
    expect(() => synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toThrow(
      /^Invalid environment configuration:\n {2}- environments\/dev\.json: IntegrationFunction "pull-action" environment variables total \d+ bytes; Lambda allows 4096\. The largest is SSML_CONVERSIONS/,
    );
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });

  it('writes no path of the synthesizing machine into any stack; local state lands next to the output directory', () => {
    const files = Object.fromEntries(
      readdirSync(repoEnvironmentsDir)
        .filter((file) => file.endsWith('.json') && !file.endsWith('.schema.json'))
        .map((file) => [file, readFileSync(join(repoEnvironmentsDir, file), 'utf8')]),
    );
    const { root, environmentsDir, outdir } = workspace({
      ...files,
      'laptop.json': otherEnvironment('genagent-laptop', 1, { backend: { type: 'local', path: 'state/laptop.tfstate' } }),
    });
    const stacks = synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir });
    expect(stacks).toContain('laptop');
    const machinePaths = [...new Set([repoRoot, process.cwd(), root, homedir()])];
    for (const stack of stacks) {
      const stackDir = join(outdir, 'stacks', stack);
      const text = readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8');
      for (const path of machinePaths) {
        expect({ stack, path, found: text.includes(path) }).toEqual({ stack, path, found: false });
      }
      const json = JSON.parse(text) as {
        terraform: { backend?: { local?: { path: string } } };
        resource: Record<string, Record<string, Record<string, unknown>>>;
      };
      const local = json.terraform.backend?.local;
      if (local) {
        const expected = stack === 'laptop' ? join(root, 'state/laptop.tfstate') : join(root, `terraform.${stack}.tfstate`);
        // cdktf runs terraform in <outdir>/stacks/<stack>, which is what Terraform resolves a relative path against.
        expect(resolve(stackDir, local.path)).toBe(expected);
      }
      const assetPaths = Object.values(json.resource)
        .flatMap((resources) => Object.values(resources))
        .flatMap((resource) => [resource.filename, resource.source])
        .filter((value): value is string => typeof value === 'string');
      expect(assetPaths.length).toBeGreaterThan(0);
      for (const asset of assetPaths) {
        expect(asset).toMatch(/^assets\//);
        expect(existsSync(join(stackDir, asset))).toBe(true);
      }
    }
  });

  it('synthesizes nothing when two files clash, naming both', () => {
    const { root, environmentsDir, outdir } = workspace({
      'dev.json': devFile,
      'qa.json': { ...devFile, namePrefix: 'genagent-qa' },
      'uat.json': otherEnvironment('genagent-dev', 2),
    });
    let thrown: unknown;
    try {
      synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvironmentConfigError);
    expect((thrown as EnvironmentConfigError).problems).toEqual([
      expect.stringMatching(/^environments\/uat\.json: namePrefix: .*; environments\/dev\.json uses "genagent-dev" too/),
      expect.stringMatching(/^environments\/qa\.json: connectInstanceArn: .*; environments\/dev\.json uses arn:aws:connect:/),
    ]);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});
