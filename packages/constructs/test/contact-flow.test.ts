import { ConnectContactFlow } from '@cdktf/provider-aws/lib/connect-contact-flow';
import { ConnectContactFlowModule } from '@cdktf/provider-aws/lib/connect-contact-flow-module';
import { ContactFlow, IntegrationFunction } from '../src';
import { flowTemplate } from './flows';
import { addressesOf, instanceArn, instanceId, onlyResource, synth, tempFile } from './synth';

describe('ContactFlow', () => {
  it('renders the PSTN transfer flow as a CONTACT_FLOW with the two PSTN Lambda references', () => {
    const out = synth(
      (scope) =>
        new ContactFlow(scope, 'pstn', {
          namePrefix: 'ga-dev',
          name: 'pstn-transfer',
          connectInstanceArn: instanceArn,
          template: flowTemplate('pstn-transfer-flow'),
          placeholders: {
            // Not a cdktf token: a literal "${" that Terraform must not interpolate.
            CALL_TRANSFER_LAMBDA_ARN: `\${literal}`,
            CALL_CONTEXT_LAMBDA_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:ga-dev-call-context:live',
          },
        }),
    );
    expect(out).toHaveResourceWithProperties(ConnectContactFlow, {
      instance_id: instanceId,
      name: 'ga-dev-pstn-transfer',
      type: 'CONTACT_FLOW',
    });
    const content = String(onlyResource(out, 'aws_connect_contact_flow').content);
    expect(content).toContain('arn:aws:lambda:us-east-1:123456789012:function:ga-dev-call-context:live');
    // Escaped for Terraform, so it reaches Connect verbatim instead of being interpolated.
    expect(content).toContain(`$\${literal}`);
  });

  it('references the module from the sample inbound flow', () => {
    const out = synth((scope) => {
      const module = new ConnectContactFlowModule(scope, 'module', { instanceId, name: 'm', content: '{}' });
      new ContactFlow(scope, 'inbound', {
        namePrefix: 'ga-dev',
        name: 'sample-inbound',
        connectInstanceArn: instanceArn,
        template: flowTemplate('sample-inbound-flow'),
        placeholders: { GENERATIVE_AGENT_MODULE_ARN: module.arn, ASAPP_COMPANY_MARKER: 'acme' },
      });
    });
    const content = String(onlyResource(out, 'aws_connect_contact_flow').content);
    expect(content).toContain(`\${aws_connect_contact_flow_module.module.arn}`);
    expect(content).not.toContain('{{');
  });

  it('is created only after the Lambdas it calls are associated with the instance and invokable by Connect', () => {
    const zipPath = tempFile('function.zip', 'stand-in zip bytes');
    const out = synth((scope) => {
      const [callTransfer, callContext] = ['call-transfer', 'call-context'].map(
        (name) => new IntegrationFunction(scope, name, { namePrefix: 'ga-dev', name, zipPath, connectInstanceArn: instanceArn }),
      ) as [IntegrationFunction, IntegrationFunction];
      new ContactFlow(scope, 'pstn', {
        namePrefix: 'ga-dev',
        name: 'pstn-transfer',
        connectInstanceArn: instanceArn,
        template: flowTemplate('pstn-transfer-flow'),
        placeholders: { CALL_TRANSFER_LAMBDA_ARN: callTransfer.aliasArn, CALL_CONTEXT_LAMBDA_ARN: callContext.aliasArn },
        dependsOn: [...callTransfer.connectAccess, ...callContext.connectAccess],
      });
    });
    const expected = [...addressesOf(out, 'aws_lambda_permission'), ...addressesOf(out, 'aws_connect_lambda_function_association')];
    expect(expected).toHaveLength(4);
    expect([...(onlyResource(out, 'aws_connect_contact_flow').depends_on as string[])].sort()).toEqual(expected.sort());
  });

  it('has no explicit dependencies unless given', () => {
    const out = synth(
      (scope) =>
        new ContactFlow(scope, 'pstn', {
          namePrefix: 'ga-dev',
          name: 'pstn-transfer',
          connectInstanceArn: instanceArn,
          template: flowTemplate('pstn-transfer-flow'),
          placeholders: { CALL_TRANSFER_LAMBDA_ARN: 'arn:t', CALL_CONTEXT_LAMBDA_ARN: 'arn:c' },
        }),
    );
    expect(onlyResource(out, 'aws_connect_contact_flow').depends_on).toBeUndefined();
  });
});
