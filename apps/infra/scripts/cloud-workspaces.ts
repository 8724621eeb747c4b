/**
 * Prints, as one JSON line, the environments with a Terraform Cloud backend and their workspaces: the pull-request
 * workflow's plan matrix. Environments on local or S3 state are left out (CI has no AWS credentials of its own).
 */
import { cloudWorkspaces } from '../src/cloud-workspaces';
import { loadEnvironments } from '../src/config/load-environments';
import { environmentsDir, repoRoot } from '../src/paths';

process.stdout.write(`${JSON.stringify(cloudWorkspaces(loadEnvironments(environmentsDir, repoRoot)))}\n`);
