import { resolve } from 'node:path';
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { EnvironmentConfig } from './config/environment-schema';
import { infraDir } from './paths';

/**
 * Where the environment's Terraform state lives. Local state sits next to the app
 * (`apps/infra/terraform.<env>.tfstate`, git-ignored); S3 locks with a lock file next to the state
 * (Terraform ≥ 1.10); Terraform Cloud runs plans in the named workspace for review.
 */
export function configureBackend(stack: TerraformStack, environmentName: string, backend: EnvironmentConfig['backend']): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: resolve(infraDir, backend.path ?? `terraform.${environmentName}.tfstate`) });
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
