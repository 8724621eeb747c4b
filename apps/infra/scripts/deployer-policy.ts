/**
 * deployer-policy <env>: the least-privilege IAM policy a deployer of one environment needs, generated from its
 * synthesized stack (run `pnpm synth` first). Writes cdktf.out/deployer-policy/<env>-<n>.json, each within IAM's
 * managed policy size limit; create each as a customer managed policy and attach all of them to the deploy role.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EnvironmentConfigError, loadEnvironments } from '../src/config/load-environments';
import {
  deployerPolicies,
  deployScopeOf,
  managedPolicyMaxCharacters,
  policyCharacters,
  type SynthesizedStackJson,
  UnmappedTypesError,
} from '../src/deployer-policy/deployer-policy';
import { environmentsDir, infraDir, repoRoot } from '../src/paths';

function main(environmentName: string | undefined): number {
  const environments = loadEnvironments(environmentsDir, repoRoot);
  const environment = environments.find(({ name }) => name === environmentName);
  if (!environment) {
    console.error(`Usage: deployer-policy <environment>, one of: ${environments.map(({ name }) => name).join(', ')}`);
    return 1;
  }
  const outdir = resolve(infraDir, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
  const stackFile = join(outdir, 'stacks', environment.name, 'cdk.tf.json');
  if (!existsSync(stackFile)) {
    console.error(`No synthesized stack at ${relative(process.cwd(), stackFile)}: run \`pnpm synth\` first.`);
    return 1;
  }
  const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as SynthesizedStackJson;
  const documents = deployerPolicies(stack, deployScopeOf(environment.config));
  const policyDir = join(outdir, 'deployer-policy');
  mkdirSync(policyDir, { recursive: true });
  documents.forEach((document, index) => {
    const file = join(policyDir, `${environment.name}-${index + 1}.json`);
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
    console.log(`${relative(process.cwd(), file)}: ${document.Statement.length} statements, ${policyCharacters(document)} of ${managedPolicyMaxCharacters} characters`);
  });
  console.log(
    `Create each as a managed policy in account ${environment.config.accountId} ` +
      `(aws iam create-policy --policy-name ${environment.config.namePrefix}-deployer-<n> --policy-document file://<file>) ` +
      'and attach all of them to the role or user that deploys this environment.',
  );
  return 0;
}

try {
  process.exitCode = main(process.argv[2]);
} catch (error) {
  if (!(error instanceof EnvironmentConfigError || error instanceof UnmappedTypesError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
