import { posix } from 'node:path';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { EnvironmentConfig } from './config/environment-schema';

/**
 * From the directory cdktf runs terraform in (`<outdir>/stacks/<env>`) back to the directory holding the output
 * directory: apps/infra with the default `cdktf.out`. Terraform resolves a relative local state path against its
 * working directory, so the stack names no path of the machine that synthesized it and replays anywhere.
 */
const stackDirToInfraDir = '../../..';

/** The local backend's state path as the stack writes it: relative to the stack's working directory. */
function localStatePath(environmentName: string, path = `terraform.${environmentName}.tfstate`): string {
  return posix.join(stackDirToInfraDir, path);
}

/**
 * Where the environment's Terraform state lives. Local state sits next to the app
 * (`apps/infra/terraform.<env>.tfstate`, git-ignored); S3 locks with a lock file next to the state
 * (Terraform ≥ 1.10); Terraform Cloud runs plans in the named workspace for review.
 */
export function configureBackend(stack: TerraformStack, environmentName: string, backend: EnvironmentConfig['backend']): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(environmentName, backend.path) });
      return;
    case 's3':
      // cdktf 0.21's S3Backend predates use_lockfile, hence the override.
      new S3Backend(stack, { bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true }).addOverride(
        'use_lockfile',
        backend.useLockfile,
      );
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(backend.workspace),
        ...(backend.hostname ? { hostname: backend.hostname } : {}),
      });
      return;
  }
}
