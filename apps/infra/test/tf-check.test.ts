import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfig, cliConfigFileName, planTest, prepareStackCopy } from '../scripts/tf-check/stack-copy';
import { synthesizedStackNames } from '../scripts/tf-check/synthesized-stacks';
import { findProviderMirror, findTerraform, MissingToolError, mirroredAwsVersions } from '../scripts/tf-check/toolchain';
import { exampleConfig, synthStack } from './synth';

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

function mirrorWith(versions: Record<string, 'unpacked' | 'packed'>, platform = 'linux_amd64'): string {
  const dir = temp('mirror-');
  const providerDir = join(dir, 'registry.terraform.io/hashicorp/aws');
  mkdirSync(providerDir, { recursive: true });
  for (const [version, layout] of Object.entries(versions)) {
    if (layout === 'unpacked') {
      mkdirSync(join(providerDir, version, platform), { recursive: true });
    } else {
      writeFileSync(join(providerDir, `terraform-provider-aws_${version}_${platform}.zip`), '');
    }
  }
  return dir;
}

describe('tf:check toolchain discovery', () => {
  it('picks the highest mirrored hashicorp/aws version for the platform, in either layout', () => {
    const dir = mirrorWith({ '5.9.0': 'unpacked', '5.100.0': 'packed', '5.31.0': 'unpacked' });
    expect(mirroredAwsVersions(dir, 'linux_amd64')).toEqual(['5.9.0', '5.31.0', '5.100.0']);
    expect(findProviderMirror(dir, 'linux_amd64')).toEqual({ dir, version: '5.100.0', platform: 'linux_amd64' });
  });

  it('says what is missing and how to get it when TF_PROVIDER_MIRROR has no provider for the platform', () => {
    const dir = mirrorWith({ '5.100.0': 'unpacked' }, 'darwin_arm64');
    expect(() => findProviderMirror(dir, 'linux_amd64')).toThrow(MissingToolError);
    expect(() => findProviderMirror(dir, 'linux_amd64')).toThrow(
      `No registry.terraform.io/hashicorp/aws provider for linux_amd64 in a local mirror: looked in TF_PROVIDER_MIRROR=${dir}`,
    );
    expect(() => findProviderMirror(dir, 'linux_amd64')).toThrow('terraform providers mirror -platform=linux_amd64');
  });

  it('finds terraform on PATH and reads its version', () => {
    const bin = temp('bin-');
    const fake = join(bin, 'terraform');
    writeFileSync(fake, '#!/bin/sh\necho \'{"terraform_version":"1.11.4"}\'\n');
    chmodSync(fake, 0o755);
    expect(findTerraform(bin)).toEqual({ path: fake, version: '1.11.4' });
  });

  it('says terraform is missing and how to install it', () => {
    const empty = temp('bin-');
    expect(() => findTerraform(empty, [])).toThrow(MissingToolError);
    expect(() => findTerraform(empty, [])).toThrow(
      `terraform not found: looked on PATH (${empty}). Install Terraform >= 1.7 (https://developer.hashicorp.com/terraform/install`,
    );
  });

  it('rejects a Terraform too old for mock providers', () => {
    const bin = temp('bin-');
    writeFileSync(join(bin, 'terraform'), '#!/bin/sh\necho \'{"terraform_version":"1.5.7"}\'\n');
    chmodSync(join(bin, 'terraform'), 0o755);
    expect(() => findTerraform(bin)).toThrow('is Terraform 1.5.7; tf:check needs >= 1.7');
  });
});

describe('tf:check stack selection', () => {
  it('checks the stacks of the last synth only, not a folder a cache restore left of a removed environment', () => {
    const outdir = temp('cdktf-out-');
    for (const stack of ['dev', 'removed']) mkdirSync(join(outdir, 'stacks', stack), { recursive: true });
    writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { dev: {} } }));
    expect(synthesizedStackNames(outdir)).toEqual(['dev']);
    expect(synthesizedStackNames(temp('empty-'))).toBeUndefined();
  });
});

describe('tf:check stack copy', () => {
  const mirror = { dir: '/opt/tf-plugins', version: '5.100.0', platform: 'linux_amd64' };

  function synthesizedStackDir(name: string): string {
    const dir = temp(`stack-${name}-`);
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(synthStack(name, exampleConfig(name))));
    mkdirSync(join(dir, 'assets', 'code'), { recursive: true });
    writeFileSync(join(dir, 'assets', 'code', 'engage.zip'), 'zip');
    return dir;
  }

  it.each(['dev', 'staging', 'prod'])('%s: pins the mirrored provider, drops the backend, keeps the assets', (name) => {
    const target = temp('copy-');
    const stackTarget = prepareStackCopy(synthesizedStackDir(name), target, mirror);
    const copied = JSON.parse(readFileSync(join(target, 'cdk.tf.json'), 'utf8'));
    expect(copied.terraform.required_providers.aws.version).toBe('5.100.0');
    expect(copied.terraform.backend).toBeUndefined();
    expect(copied.terraform.cloud).toBeUndefined();
    expect(readFileSync(join(target, 'assets', 'code', 'engage.zip'), 'utf8')).toBe('zip');
    expect(readFileSync(join(target, cliConfigFileName), 'utf8')).toBe(cliConfig(mirror));
    expect(readFileSync(join(target, 'tests', 'plan.tftest.hcl'), 'utf8')).toBe(planTest(stackTarget, '5.100.0'));
    expect(stackTarget).toEqual({
      region: 'us-east-1',
      accountId: exampleConfig(name).accountId,
      pinnedAwsVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it('installs hashicorp/aws only from the mirror', () => {
    expect(cliConfig(mirror)).toBe(`provider_installation {
  filesystem_mirror {
    path    = "/opt/tf-plugins"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
`);
  });

  it('plans against a mocked provider whose data sources answer with valid values for the stack', () => {
    const test = planTest({ region: 'eu-west-2', accountId: '222222222222', pinnedAwsVersion: '6.25.0' }, '5.100.0');
    expect(test).toContain('mock_provider "aws" {');
    expect(test).toContain('run "plan" {\n  command = plan\n}');
    const policyLine = /mock_data "aws_iam_policy_document" \{\n {4}defaults = (.+)\n/.exec(test)?.[1] ?? '{}';
    const policy = JSON.parse(JSON.parse(policyLine).json);
    expect(policy).toMatchObject({ Version: '2012-10-17', Statement: [expect.objectContaining({ Effect: 'Allow' })] });
    expect(test).toContain('{"names":["eu-west-2a","eu-west-2b"]');
    expect(test).toContain('"target_key_arn":"arn:aws:kms:eu-west-2:222222222222:key/');
    expect(test).toContain('mock_data "aws_region" {\n    defaults = {"name":"eu-west-2"}');
    expect(planTest({ region: 'eu-west-2', accountId: '222222222222', pinnedAwsVersion: '6.25.0' }, '6.25.0')).toContain(
      '{"region":"eu-west-2"}',
    );
  });
});
