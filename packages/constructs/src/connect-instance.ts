import { Fn, Token } from 'cdktf';

/** The parts of an Amazon Connect instance ARN the constructs need. */
export interface ConnectInstance {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** The instance id (a UUID): what `instance_id` arguments take. */
  readonly instanceId: string;
}

const instanceArnPattern = /^arn:(aws|aws-cn|aws-us-gov):connect:([a-z0-9-]+):(\d{12}):instance\/([0-9a-f-]{36})$/;

/**
 * Splits a Connect instance ARN (`arn:aws:connect:<region>:<account>:instance/<id>`).
 *
 * A literal ARN is validated and split at synth time, so the synthesized JSON holds plain strings
 * (readable plans; IAM policy JSON stays parseable by the stack policy checks). A Terraform token
 * (e.g. `aws_connect_instance.x.arn`) is split with Terraform functions instead, which are only
 * evaluated at plan time.
 */
export function parseConnectInstanceArn(arn: string): ConnectInstance {
  if (Token.isUnresolved(arn)) {
    const part = (index: number) => Fn.element(Fn.split(':', arn), index);
    return {
      arn,
      partition: part(1),
      region: part(2),
      accountId: part(4),
      instanceId: Fn.element(Fn.split('/', arn), 1),
    };
  }
  const match = instanceArnPattern.exec(arn);
  if (!match) {
    throw new Error(
      `Connect instance ARN "${arn}" is not valid: expected arn:aws:connect:<region>:<12-digit account>:instance/<instance uuid>.`,
    );
  }
  const [, partition = '', region = '', accountId = '', instanceId = ''] = match;
  return { arn, partition, region, accountId, instanceId };
}
