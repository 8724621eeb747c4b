import { TerraformOutput, TerraformVariable } from 'cdktf';
import { parseConnectInstanceArn } from '../src';
import { instanceArn, instanceId, synth } from './synth';

describe('parseConnectInstanceArn', () => {
  it('splits a literal ARN at synth time', () => {
    expect(parseConnectInstanceArn(instanceArn)).toEqual({
      arn: instanceArn,
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      instanceId,
    });
  });

  it('rejects a malformed ARN with the expected shape', () => {
    expect(() => parseConnectInstanceArn('arn:aws:connect:us-east-1:123:instance/abc')).toThrow(
      'expected arn:aws:connect:<region>:<12-digit account>:instance/<instance uuid>',
    );
  });

  it('splits a token with Terraform functions', () => {
    const out = synth((scope) => {
      const arn = new TerraformVariable(scope, 'instance_arn', { type: 'string' }).stringValue;
      const parsed = parseConnectInstanceArn(arn);
      new TerraformOutput(scope, 'instance_id', { value: parsed.instanceId });
      new TerraformOutput(scope, 'account', { value: parsed.accountId });
    });
    const outputs = JSON.parse(out).output;
    expect(outputs.instance_id.value).toBe(`\${element(split("/", var.instance_arn), 1)}`);
    expect(outputs.account.value).toBe(`\${element(split(":", var.instance_arn), 4)}`);
  });
});
