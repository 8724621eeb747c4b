import type { Environment } from './config/load-environments';

/** An environment whose state and runs live in a Terraform Cloud workspace: where CI plans and applies it. */
export interface CloudWorkspace {
  readonly environment: string;
  readonly organization: string;
  readonly workspace: string;
  /** @default app.terraform.io */
  readonly hostname: string;
}

export function cloudWorkspaces(environments: readonly Environment[]): CloudWorkspace[] {
  return environments.flatMap(({ name, config: { backend } }) =>
    backend.type === 'cloud'
      ? [{ environment: name, organization: backend.organization, workspace: backend.workspace, hostname: backend.hostname ?? 'app.terraform.io' }]
      : [],
  );
}
