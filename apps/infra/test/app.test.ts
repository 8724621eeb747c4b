import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeEnvironments } from '../src/app';
import { EnvironmentConfigError } from '../src/config/load-environments';
import { repoEnvironmentsDir } from './synth';

function workspace(files: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'infra-app-'));
  const environmentsDir = join(root, 'environments');
  mkdirSync(environmentsDir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(environmentsDir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return { root, environmentsDir, outdir: join(root, 'cdktf.out') };
}

const devFile = JSON.parse(readFileSync(join(repoEnvironmentsDir, 'dev.json'), 'utf8')) as Record<string, unknown>;

describe('synthesizeEnvironments', () => {
  it('writes one stack per environment file, named after the file', () => {
    const { root, environmentsDir, outdir } = workspace({ 'dev.json': devFile, 'qa.json': { ...devFile, namePrefix: 'genagent-qa' } });
    expect(synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toEqual(['dev', 'qa']);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks).sort()).toEqual(['dev', 'qa']);
    expect(existsSync(join(outdir, 'stacks', 'qa', 'cdk.tf.json'))).toBe(true);
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
});
