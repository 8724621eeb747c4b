import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Construct } from 'constructs';
import type { IntegrationFunction } from './integration-function';
import { resourceName } from './naming';

/** Use a secret that already exists instead of creating one. */
export interface ExistingSecret {
  /** Full ARN of the secret (with Secrets Manager's 6-character suffix). */
  readonly secretArn: string;
  /**
   * Customer-managed KMS key the secret is encrypted with: readers then also get kms:Decrypt on it, through
   * Secrets Manager only. @default none (the AWS managed key `aws/secretsmanager`, whose policy already admits the
   * account's principals calling through Secrets Manager)
   */
  readonly kmsKeyArn?: string;
}

export interface AsappCredentialsSecretProps {
  /** Prefix of every resource name; a created secret is named `<namePrefix>-asapp-api-credentials-<unique suffix>`. */
  readonly namePrefix: string;
  /** @default a new, empty secret */
  readonly existing?: ExistingSecret;
  /**
   * Days a destroyed (created) secret stays restorable: 0 deletes it at once, or 7-30. With a name prefix a new
   * deploy never collides with a secret still scheduled for deletion, so this is only about recovering the value.
   * @default 30 (Secrets Manager's default)
   */
  readonly recoveryWindowInDays?: number;
}

const secretArnPattern = /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z0-9-]+):(\d{12}):secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;
const kmsKeyArnPattern = /^arn:(aws|aws-cn|aws-us-gov):kms:([a-z0-9-]+):(\d{12}):key\/[0-9a-f-]{36}$/;

/**
 * The secret holding ASAPP's `{"apiId": "...", "apiSecret": "..."}`: created empty (its value is put out of band, so
 * it never enters code, state or plans) or an existing one. Created with a name prefix, so destroy-then-deploy gets a
 * fresh secret instead of failing on one "scheduled for deletion". `grantRead` gives a function exactly what reading
 * it needs.
 */
export class AsappCredentialsSecret extends Construct {
  readonly secretArn: string;
  /** The customer-managed key of an existing secret, if any. */
  readonly kmsKeyArn?: string;
  /** Region of an existing secret (where the kms:ViaService condition points). */
  private readonly existingRegion?: string;

  constructor(scope: Construct, id: string, props: AsappCredentialsSecretProps) {
    super(scope, id);
    if (props.existing) {
      if (props.recoveryWindowInDays !== undefined) {
        throw new Error('AsappCredentialsSecret recoveryWindowInDays applies only to a created secret; drop it or drop existing.');
      }
      const secret = secretArnPattern.exec(props.existing.secretArn);
      if (!secret) {
        throw new Error(
          `AsappCredentialsSecret existing secretArn "${props.existing.secretArn}" is not a full secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>).`,
        );
      }
      const key = props.existing.kmsKeyArn === undefined ? undefined : kmsKeyArnPattern.exec(props.existing.kmsKeyArn);
      if (key === null) {
        throw new Error(`AsappCredentialsSecret existing kmsKeyArn "${props.existing.kmsKeyArn}" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>).`);
      }
      if (key && key[2] !== secret[2]) {
        throw new Error(`AsappCredentialsSecret existing kmsKeyArn is in ${key[2]}, the secret in ${secret[2]}; a secret's key is in the secret's region.`);
      }
      this.secretArn = props.existing.secretArn;
      this.existingRegion = secret[2];
      if (props.existing.kmsKeyArn) this.kmsKeyArn = props.existing.kmsKeyArn;
      return;
    }
    const recoveryWindowInDays = props.recoveryWindowInDays ?? 30;
    if (!Number.isInteger(recoveryWindowInDays) || (recoveryWindowInDays !== 0 && (recoveryWindowInDays < 7 || recoveryWindowInDays > 30))) {
      throw new Error(
        `AsappCredentialsSecret recoveryWindowInDays ${recoveryWindowInDays} must be 0 (delete without recovery) or 7 to 30 days.`,
      );
    }
    this.secretArn = new SecretsmanagerSecret(this, 'secret', {
      namePrefix: `${resourceName(props.namePrefix, 'asapp-api-credentials', 'secretsManagerSecret')}-`,
      description: 'ASAPP API credentials as JSON {"apiId": "...", "apiSecret": "..."}; filled out of band, never by Terraform',
      recoveryWindowInDays,
    }).arn;
  }

  /** Lets the function read the secret's value, and decrypt it with the secret's customer-managed key if it has one. */
  grantRead(fn: IntegrationFunction): void {
    fn.grantSecretRead(this.secretArn);
    if (this.kmsKeyArn && this.existingRegion) {
      fn.addToPolicy({
        Sid: 'DecryptAsappCredentials',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: this.kmsKeyArn,
        // Only when Secrets Manager decrypts the secret for the function, never a direct Decrypt call.
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.existingRegion}.amazonaws.com` } },
      });
    }
  }
}
