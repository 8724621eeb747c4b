import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { cloudWorkspaces } from '../src/cloud-workspaces';
import { loadEnvironments } from '../src/config/load-environments';
import { fixtureEnvironmentsDir } from './synth';

describe('cloudWorkspaces (the pull-request workflow’s plan matrix)', () => {
  it('lists the environments with a Terraform Cloud backend, with organization, workspace and host', () => {
    expect(cloudWorkspaces(loadEnvironments(fixtureEnvironmentsDir))).toEqual([
      { environment: 'prod', organization: 'acme-contact-center', workspace: 'genagent-connect-prod', hostname: 'app.terraform.io' },
    ]);
  });

  it('prints one JSON line the workflow feeds to fromJSON', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../scripts/cloud-workspaces.ts')], { encoding: 'utf8' });
    expect(output.endsWith('\n')).toBe(true);
    expect(Array.isArray(JSON.parse(output))).toBe(true);
  });
});
