import { AsappCredentialsSecret, IntegrationFunction } from '../src';
import { onlyResource, policy, resourcesOf, synth, tempFile } from './synth';

const zipPath = tempFile('engage.zip', 'stand-in zip bytes');
const existingArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:contact-center/asapp-AbCdEf';
const cmk = 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

function engageStatements(out: string) {
  return policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
}

describe('AsappCredentialsSecret', () => {
  it('creates the secret under a name prefix, so a redeploy never meets one scheduled for deletion', () => {
    const out = synth((scope) => new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev' }));
    const secret = onlyResource(out, 'aws_secretsmanager_secret');
    expect(secret.name_prefix).toBe('ga-dev-asapp-api-credentials-');
    expect(secret).not.toHaveProperty('name');
    expect(secret.recovery_window_in_days).toBe(30);
    // Terraform never holds the value: no secret version.
    expect(resourcesOf(out, 'aws_secretsmanager_secret_version')).toHaveLength(0);
  });

  it.each([0, 7, 30])('takes a recovery window of %i days', (days) => {
    const out = synth((scope) => new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev', recoveryWindowInDays: days }));
    expect(onlyResource(out, 'aws_secretsmanager_secret').recovery_window_in_days).toBe(days);
  });

  it('lets a function read a created secret, without kms statements (AWS managed key)', () => {
    const out = synth((scope) => {
      const secret = new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev' });
      secret.grantRead(new IntegrationFunction(scope, 'engage', { namePrefix: 'ga-dev', name: 'engage', zipPath }));
    });
    const statements = engageStatements(out);
    expect(statements).toContainEqual({
      Sid: 'ReadOwnSecrets',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: [expect.stringMatching(/^\$\{aws_secretsmanager_secret\.[\w-]+\.arn\}$/)],
    });
    expect(JSON.stringify(statements)).not.toContain('kms:');
  });

  it("gives readers of an existing secret kms:Decrypt on its customer-managed key, through Secrets Manager only", () => {
    const out = synth((scope) => {
      const secret = new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev', existing: { secretArn: existingArn, kmsKeyArn: cmk } });
      secret.grantRead(new IntegrationFunction(scope, 'engage', { namePrefix: 'ga-dev', name: 'engage', zipPath }));
    });
    expect(resourcesOf(out, 'aws_secretsmanager_secret')).toHaveLength(0);
    const statements = engageStatements(out);
    expect(statements).toContainEqual({ Sid: 'ReadOwnSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [existingArn] });
    expect(statements).toContainEqual({
      Sid: 'DecryptAsappCredentials',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: cmk,
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } },
    });
  });

  it('adds no kms statement for an existing secret on the AWS managed key', () => {
    const out = synth((scope) => {
      const secret = new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev', existing: { secretArn: existingArn } });
      secret.grantRead(new IntegrationFunction(scope, 'engage', { namePrefix: 'ga-dev', name: 'engage', zipPath }));
    });
    expect(JSON.stringify(engageStatements(out))).not.toContain('kms:');
  });

  it.each([
    [{ recoveryWindowInDays: 3 }, /recoveryWindowInDays 3 must be 0 \(delete without recovery\) or 7 to 30 days/],
    [{ recoveryWindowInDays: 31 }, /recoveryWindowInDays 31 must be 0/],
    [{ existing: { secretArn: existingArn }, recoveryWindowInDays: 7 }, /recoveryWindowInDays applies only to a created secret/],
    [{ existing: { secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:asapp' } }, /is not a full secret ARN .*<name>-<6 characters>/],
    [{ existing: { secretArn: existingArn, kmsKeyArn: 'alias/mine' } }, /kmsKeyArn "alias\/mine" is not a KMS key ARN/],
    [
      { existing: { secretArn: existingArn, kmsKeyArn: 'arn:aws:kms:eu-west-2:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee' } },
      /kmsKeyArn is in eu-west-2, the secret in us-east-1/,
    ],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new AsappCredentialsSecret(scope, 'credentials', { namePrefix: 'ga-dev', ...override }))).toThrow(message);
  });
});
