import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { parseConnectInstanceArn } from './connect-instance';
import { type PolicyStatement, policyDocument } from './iam-policy';
import { resourceName } from './naming';

export interface AsappAccessRoleProps {
  /** Prefix of every resource name; the role is `<namePrefix>-asapp-access`. */
  readonly namePrefix: string;
  /** ARN(s) of ASAPP's role, as ASAPP provides them; each gets its own trust statement. */
  readonly trustedRoleArns: readonly string[];
  /** Required as sts:ExternalId by every trust statement when set. @default no condition (as in ASAPP's guide) */
  readonly externalId?: string;
  /** The instance whose media streams ASAPP reads: gives the partition, region and account of the streams. */
  readonly connectInstanceArn: string;
  /** The Kinesis Video Streams prefix of the instance (`MediaStreaming.streamPrefix`). */
  readonly streamPrefix: string;
  /** Customer-managed key of the streams: adds kms:Decrypt on it. @default none (AWS managed key) */
  readonly kmsKeyArn?: string;
  /** ARN of the PushAction alias, the only function ASAPP may invoke. */
  readonly pushActionAliasArn: string;
}

const roleArnPattern = /^arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:role\/[\w+=,.@/-]+$/;
const externalIdPattern = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * The role ASAPP assumes (Step 3 of ASAPP's guide): trusts only ASAPP's role(s), reads the
 * instance's media streams, and invokes PushAction. Give ASAPP `roleArn` and the PushAction
 * alias ARN.
 */
export class AsappAccessRole extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: AsappAccessRoleProps) {
    super(scope, id);
    if (props.trustedRoleArns.length === 0) {
      throw new Error('AsappAccessRole trustedRoleArns is empty; give the role ARN(s) ASAPP provided.');
    }
    for (const arn of props.trustedRoleArns) {
      if (!Token.isUnresolved(arn) && !roleArnPattern.test(arn)) {
        throw new Error(`AsappAccessRole trustedRoleArns entry "${arn}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>).`);
      }
    }
    if (new Set(props.trustedRoleArns).size !== props.trustedRoleArns.length) {
      throw new Error('AsappAccessRole trustedRoleArns lists the same ARN twice.');
    }
    if (props.externalId !== undefined && !Token.isUnresolved(props.externalId) && !externalIdPattern.test(props.externalId)) {
      throw new Error('AsappAccessRole externalId must be 2-1224 characters of letters, digits and "+=,.@:/-_".');
    }
    const instance = parseConnectInstanceArn(props.connectInstanceArn);

    const trust: PolicyStatement[] = props.trustedRoleArns.map((arn, index) => ({
      Sid: `TrustAsappRole${index + 1}`,
      Effect: 'Allow',
      Principal: { AWS: arn },
      Action: 'sts:AssumeRole',
      ...(props.externalId !== undefined ? { Condition: { StringEquals: { 'sts:ExternalId': props.externalId } } } : {}),
    }));
    const roleName = resourceName(props.namePrefix, 'asapp-access', 'iamRole');
    this.role = new IamRole(this, 'role', {
      name: roleName,
      description: 'Assumed by ASAPP GenerativeAgent: reads Connect media streams, invokes PushAction',
      assumeRolePolicy: policyDocument(trust),
    });
    this.roleArn = this.role.arn;

    const { partition, region, accountId } = instance;
    const permissions: PolicyStatement[] = [
      {
        Sid: 'ReadAmazonConnectStreams',
        Effect: 'Allow',
        Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia', 'kinesisvideo:DescribeStream'],
        Resource: `arn:${partition}:kinesisvideo:${region}:${accountId}:stream/${props.streamPrefix}*/*`,
      },
      // ListStreams cannot be scoped to resources.
      { Sid: 'ListAllStreams', Effect: 'Allow', Action: 'kinesisvideo:ListStreams', Resource: '*' },
      ...(props.kmsKeyArn
        ? [{ Sid: 'DecryptStreams', Effect: 'Allow', Action: 'kms:Decrypt', Resource: props.kmsKeyArn } as const]
        : []),
      { Sid: 'InvokePushAction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: props.pushActionAliasArn },
    ];
    new IamRolePolicy(this, 'policy', {
      name: 'asapp-generativeagent',
      role: this.role.id,
      policy: policyDocument(permissions),
    });
  }
}
