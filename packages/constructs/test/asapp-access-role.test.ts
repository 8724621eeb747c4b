import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { type AsappAccessRoleProps, AsappAccessRole } from '../src';
import { instanceArn, onlyResource, policy, synth } from './synth';

const asappRole = 'arn:aws:iam::999999999999:role/asapp-generativeagent';
const pushAlias = 'arn:aws:lambda:us-east-1:123456789012:function:ga-dev-push-action:live';
const base: AsappAccessRoleProps = {
  namePrefix: 'ga-dev',
  trustedRoleArns: [asappRole],
  connectInstanceArn: instanceArn,
  streamPrefix: 'ga-dev',
  pushActionAliasArn: pushAlias,
};

function trustStatements(out: string) {
  return policy(onlyResource(out, 'aws_iam_role').assume_role_policy).Statement;
}
function permissionStatements(out: string) {
  return policy(onlyResource(out, 'aws_iam_role_policy').policy).Statement;
}

describe('AsappAccessRole', () => {
  it("trusts only ASAPP's role, with sts:AssumeRole", () => {
    const out = synth((scope) => new AsappAccessRole(scope, 'asapp', base));
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'ga-dev-asapp-access' });
    expect(trustStatements(out)).toEqual([
      { Sid: 'TrustAsappRole1', Effect: 'Allow', Principal: { AWS: asappRole }, Action: 'sts:AssumeRole' },
    ]);
  });

  it('gives each trusted ARN its own statement with a unique Sid, each requiring the external id when set', () => {
    const second = 'arn:aws:iam::888888888888:role/asapp-other';
    const out = synth((scope) => new AsappAccessRole(scope, 'asapp', { ...base, trustedRoleArns: [asappRole, second], externalId: 'ext-123' }));
    const statements = trustStatements(out);
    expect(statements.map((s) => s.Sid)).toEqual(['TrustAsappRole1', 'TrustAsappRole2']);
    expect(statements.map((s) => s.Principal)).toEqual([{ AWS: asappRole }, { AWS: second }]);
    for (const statement of statements) {
      expect(statement.Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'ext-123' } });
    }
  });

  it('reads streams under the prefix only, lists streams, and invokes only the PushAction alias', () => {
    const out = synth((scope) => new AsappAccessRole(scope, 'asapp', base));
    expect(permissionStatements(out)).toEqual([
      {
        Sid: 'ReadAmazonConnectStreams',
        Effect: 'Allow',
        Action: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia', 'kinesisvideo:DescribeStream'],
        Resource: 'arn:aws:kinesisvideo:us-east-1:123456789012:stream/ga-dev*/*',
      },
      { Sid: 'ListAllStreams', Effect: 'Allow', Action: 'kinesisvideo:ListStreams', Resource: '*' },
      { Sid: 'InvokePushAction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: pushAlias },
    ]);
  });

  it('decrypts with the customer-managed stream key when one is used', () => {
    const cmk = 'arn:aws:kms:us-east-1:123456789012:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
    const out = synth((scope) => new AsappAccessRole(scope, 'asapp', { ...base, kmsKeyArn: cmk }));
    expect(permissionStatements(out)).toContainEqual({ Sid: 'DecryptStreams', Effect: 'Allow', Action: 'kms:Decrypt', Resource: cmk });
  });

  it.each([
    [{ trustedRoleArns: [] }, /trustedRoleArns is empty/],
    [{ trustedRoleArns: ['999999999999'] }, /"999999999999" is not an IAM role ARN/],
    [{ trustedRoleArns: [asappRole, asappRole] }, /lists the same ARN twice/],
    [{ externalId: 'x' }, /externalId must be 2-1224 characters/],
    [{ connectInstanceArn: 'nope' }, /Connect instance ARN "nope" is not valid/],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new AsappAccessRole(scope, 'asapp', { ...base, ...override }))).toThrow(message);
  });
});
