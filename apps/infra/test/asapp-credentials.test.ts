import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentFile } from '../src/config/environment-schema';
import { parseEnvironment } from '../src/config/load-environments';
import { configFrom, exampleConfig, exampleEnvironments, lambdaNamed, fixtureEnvironmentsDir, resourcesOf, type SynthesizedStack, synthStack } from './synth';

const devFile = JSON.parse(readFileSync(join(fixtureEnvironmentsDir, 'dev.json'), 'utf8')) as EnvironmentFile;
const existingArn = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:contact-center/asapp-api-credentials-AbCdEf';
const cmk = 'arn:aws:kms:us-east-1:111111111111:key/4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

function devWith(credentialsSecret: unknown): SynthesizedStack {
  return synthStack('dev', configFrom({ ...devFile, asapp: { ...devFile.asapp, credentialsSecret } } as EnvironmentFile));
}

function problemsWith(credentialsSecret: unknown): readonly string[] {
  const result = parseEnvironment('environments/dev.json', JSON.stringify({ ...devFile, asapp: { ...devFile.asapp, credentialsSecret } }));
  return 'problems' in result ? result.problems : [];
}

function statementsOf(stack: SynthesizedStack, functionName: string): Record<string, unknown>[] {
  const role = lambdaNamed(stack, functionName).role;
  const roleName = /^\$\{aws_iam_role\.([^.]+)\.arn\}$/.exec(String(role))?.[1];
  const policy = Object.values(stack.resource.aws_iam_role_policy ?? {}).find((p) => p.role === `\${aws_iam_role.${roleName}.id}`);
  return (JSON.parse(String(policy?.policy)) as { Statement: Record<string, unknown>[] }).Statement;
}

describe('ASAPP credentials secret', () => {
  it('is created under a name prefix (destroy then deploy gets a fresh secret), and the output names it', () => {
    const dev = synthStack('dev', exampleConfig('dev'));
    const [address, ...others] = Object.keys(dev.resource.aws_secretsmanager_secret ?? {});
    expect(others).toHaveLength(0);
    const secret = dev.resource.aws_secretsmanager_secret?.[address as string];
    expect(secret).toMatchObject({ name_prefix: 'genagent-dev-asapp-api-credentials-', recovery_window_in_days: 30 });
    expect(secret).not.toHaveProperty('name');
    expect(dev.output?.asapp_credentials_secret_arn?.value).toBe(`\${aws_secretsmanager_secret.${address}.arn}`);
  });

  it.each([0, 7])('takes the recovery window the environment gives (%i days)', (days) => {
    const [secret] = resourcesOf(devWith({ create: true, recoveryWindowInDays: days }), 'aws_secretsmanager_secret');
    expect(secret?.recovery_window_in_days).toBe(days);
  });

  it('lets engage, call-transfer and call-context decrypt an existing secret with its customer-managed key, via Secrets Manager only', () => {
    const stack = devWith({ existingArn, kmsKeyArn: cmk });
    expect(resourcesOf(stack, 'aws_secretsmanager_secret')).toHaveLength(0);
    for (const name of ['engage', 'call-transfer', 'call-context']) {
      expect(statementsOf(stack, `genagent-dev-${name}`)).toContainEqual({
        Sid: 'DecryptAsappCredentials',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: cmk,
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
      });
    }
    for (const name of ['push-action', 'pull-action']) {
      expect(JSON.stringify(statementsOf(stack, `genagent-dev-${name}`))).not.toContain('kms:Decrypt');
    }
  });

  it('grants no kms:Decrypt for the shipped examples (created secret, or prod existing secret on the AWS managed key)', () => {
    for (const { name, config } of exampleEnvironments) {
      const stack = synthStack(name, config);
      for (const policy of resourcesOf(stack, 'aws_iam_role_policy').filter((p) => p.name === 'least-privilege')) {
        expect(String(policy.policy)).not.toContain('DecryptAsappCredentials');
      }
    }
  });

  it.each([
    [{ create: true, recoveryWindowInDays: 3 }, 'asapp.credentialsSecret.recoveryWindowInDays: expected 0 (delete at once, no recovery) or 7 to 30 days'],
    [{ create: true, recoveryWindowInDays: 31 }, 'asapp.credentialsSecret.recoveryWindowInDays: expected 0 (delete at once, no recovery) or 7 to 30 days'],
    [
      { existingArn: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:asapp' },
      'asapp.credentialsSecret.existingArn: expected the full ARN, ending in the 6 characters Secrets Manager appends to the name',
    ],
    [{ existingArn, kmsKeyArn: 'alias/asapp' }, 'asapp.credentialsSecret.kmsKeyArn: expected a KMS key ARN'],
    [{ existingArn: existingArn.replace('us-east-1', 'eu-west-2') }, 'asapp.credentialsSecret.existingArn: expected a secret in region us-east-1, got eu-west-2'],
    [{ existingArn, kmsKeyArn: cmk.replace('us-east-1', 'eu-west-2') }, 'asapp.credentialsSecret.kmsKeyArn: expected a key in region us-east-1, got eu-west-2'],
  ])('rejects %j, naming the field and the fix', (credentialsSecret, message) => {
    const problems = problemsWith(credentialsSecret);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`environments/dev.json: ${message}`);
  });
});
