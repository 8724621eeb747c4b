import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** Where Terraform is looked for after PATH (CI images and manual installs put it in these). */
const knownTerraformDirs = ['/usr/local/bin', '/usr/bin', '/opt/terraform/bin', join(homedir(), '.local/bin'), join(homedir(), 'bin')];

/** Provider mirrors looked for when TF_PROVIDER_MIRROR is unset (this image's, then Terraform's implied local mirrors). */
const knownMirrorDirs = [
  '/opt/tf-plugins',
  join(homedir(), '.terraform.d/plugins'),
  join(homedir(), '.local/share/terraform/plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
];

/** `terraform test` with `mock_provider` and `mock_data` needs 1.7. */
const minimumTerraform = [1, 7] as const;
export const awsProviderAddress = 'registry.terraform.io/hashicorp/aws';

export interface Terraform {
  readonly path: string;
  readonly version: string;
}

export interface ProviderMirror {
  /** The mirror root (holding `registry.terraform.io/...`). */
  readonly dir: string;
  /** Highest hashicorp/aws version the mirror holds for this platform. */
  readonly version: string;
  /** `<os>_<arch>`, e.g. linux_amd64. */
  readonly platform: string;
}

/** A tool tf:check cannot run without; the message says what is missing and how to get it. */
export class MissingToolError extends Error {
  override readonly name = 'MissingToolError';
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first `terraform` on PATH, else in a known directory; checked to be at least 1.7. */
export function findTerraform(pathVariable = process.env.PATH ?? '', extraDirs: readonly string[] = knownTerraformDirs): Terraform {
  const searched = [...pathVariable.split(delimiter).filter(Boolean), ...extraDirs];
  const path = searched.map((dir) => join(dir, 'terraform')).find(isExecutable);
  if (!path) {
    throw new MissingToolError(
      `terraform not found: looked on PATH (${pathVariable || 'empty'})${extraDirs.length > 0 ? ` and in ${extraDirs.join(', ')}` : ''}. ` +
        'Install Terraform >= 1.7 (https://developer.hashicorp.com/terraform/install; CI images pin 1.11) and put it on PATH.',
    );
  }
  // An empty CLI config: a TF_CLI_CONFIG_FILE naming a missing file would only add a warning here.
  const versionEnv = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' };
  const { terraform_version: version } = JSON.parse(
    execFileSync(path, ['version', '-json'], { encoding: 'utf8', env: versionEnv }),
  ) as {
    terraform_version: string;
  };
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < minimumTerraform[0] || (major === minimumTerraform[0] && minor < minimumTerraform[1])) {
    throw new MissingToolError(
      `${path} is Terraform ${version}; tf:check needs >= ${minimumTerraform.join('.')} (terraform test with mock_provider). Install a newer Terraform.`,
    );
  }
  return { path, version };
}

function currentPlatform(): string {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Versions of hashicorp/aws a mirror holds for `platform`, in either mirror layout (unpacked dir or packed zip). */
export function mirroredAwsVersions(mirrorDir: string, platform: string): string[] {
  const providerDir = join(mirrorDir, awsProviderAddress);
  if (!existsSync(providerDir)) return [];
  const packedName = new RegExp(`^terraform-provider-aws_(\\d+\\.\\d+\\.\\d+)_${platform}\\.zip$`);
  const versions = readdirSync(providerDir).flatMap((entry) => {
    const packed = packedName.exec(entry)?.[1];
    if (packed) return [packed];
    return /^\d+\.\d+\.\d+$/.test(entry) && existsSync(join(providerDir, entry, platform)) ? [entry] : [];
  });
  return [...new Set(versions)].sort(compareVersions);
}

/**
 * The hashicorp/aws provider mirror: `TF_PROVIDER_MIRROR` when set (and then nothing else), else
 * the first known directory holding the provider for this platform; the highest version in it.
 */
export function findProviderMirror(override = process.env.TF_PROVIDER_MIRROR, platform = currentPlatform()): ProviderMirror {
  const candidates = override ? [override] : knownMirrorDirs;
  for (const dir of candidates) {
    const version = mirroredAwsVersions(dir, platform).at(-1);
    if (version) return { dir, version, platform };
  }
  const where = override ? `TF_PROVIDER_MIRROR=${override}` : `${knownMirrorDirs.join(', ')} (TF_PROVIDER_MIRROR is unset)`;
  throw new MissingToolError(
    `No ${awsProviderAddress} provider for ${platform} in a local mirror: looked in ${where} for ` +
      `${awsProviderAddress}/<version>/${platform}/. Create one on a machine with internet access with ` +
      '`terraform providers mirror -platform=' +
      platform +
      ' <dir>` run in a synthesized stack (apps/infra/cdktf.out/stacks/dev), then copy <dir> here and set TF_PROVIDER_MIRROR=<dir>.',
  );
}
