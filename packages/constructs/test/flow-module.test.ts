import { ConnectContactFlowModule } from '@cdktf/provider-aws/lib/connect-contact-flow-module';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { TerraformOutput } from 'cdktf';
import { FlowModule, IntegrationFunction, PromptAudioBucket } from '../src';
import { flowTemplate } from './flows';
import { addressesOf, instanceArn, instanceId, onlyResource, synth, tempFile } from './synth';

const template = flowTemplate('generative-agent-module');

function lambdaArnsIn(content: string): string[] {
  const flow = JSON.parse(content) as { Actions: Array<{ Parameters: Record<string, unknown> }> };
  return flow.Actions.map((action) => action.Parameters.LambdaFunctionARN).filter((arn): arn is string => typeof arn === 'string');
}

describe('FlowModule', () => {
  it('renders the module with Terraform references to the Lambda aliases and the audio URI', () => {
    const out = synth((scope) => {
      const alias = (name: string) => new LambdaAlias(scope, name, { name: 'live', functionName: name, functionVersion: '1' }).arn;
      const module = new FlowModule(scope, 'module', {
        namePrefix: 'ga-dev',
        connectInstanceArn: instanceArn,
        template,
        placeholders: {
          ENGAGE_LAMBDA_ARN: alias('engage'),
          PULL_ACTION_LAMBDA_ARN: alias('pull-action'),
          PROCESSING_CUE_AUDIO_URI: 'https://prompts-bucket.s3.us-east-1.amazonaws.com/prompts/processing-cue.wav',
        },
      });
      new TerraformOutput(scope, 'module_id', { value: module.moduleId });
    });
    expect(out).toHaveResourceWithProperties(ConnectContactFlowModule, {
      instance_id: instanceId,
      name: 'ga-dev-generative-agent',
      description: 'ASAPP GenerativeAgent',
    });
    const content = String(onlyResource(out, 'aws_connect_contact_flow_module').content);
    expect(content).not.toContain('{{');
    expect(content).not.toContain('TfToken');
    expect(lambdaArnsIn(content).sort()).toEqual([
      `\${aws_lambda_alias.engage.arn}`,
      `\${aws_lambda_alias.pull-action.arn}`,
    ]);
    expect(content).toContain('https://prompts-bucket.s3.us-east-1.amazonaws.com/prompts/processing-cue.wav');
    expect(JSON.parse(out).output.module_id.value).toMatch(/^\$\{aws_connect_contact_flow_module\.[\w-]+\.contact_flow_module_id\}$/);
  });

  it('is created only after its Lambdas are associated and invokable, and the cue is uploaded and readable', () => {
    const zipPath = tempFile('function.zip', 'stand-in zip bytes');
    const out = synth((scope) => {
      const [engage, pullAction] = ['engage', 'pull-action'].map(
        (name) => new IntegrationFunction(scope, name, { namePrefix: 'ga-dev', name, zipPath, connectInstanceArn: instanceArn }),
      ) as [IntegrationFunction, IntegrationFunction];
      const audio = new PromptAudioBucket(scope, 'prompts', {
        namePrefix: 'ga-dev',
        connectInstanceArn: instanceArn,
        audioFiles: [tempFile('processing-cue.wav', 'RIFF stand-in')],
      });
      new FlowModule(scope, 'module', {
        namePrefix: 'ga-dev',
        connectInstanceArn: instanceArn,
        template,
        placeholders: {
          ENGAGE_LAMBDA_ARN: engage.aliasArn,
          PULL_ACTION_LAMBDA_ARN: pullAction.aliasArn,
          PROCESSING_CUE_AUDIO_URI: audio.uri('processing-cue.wav'),
        },
        dependsOn: [...engage.connectAccess, ...pullAction.connectAccess, ...audio.connectAccess],
      });
    });
    const expected = ['aws_lambda_permission', 'aws_connect_lambda_function_association', 'aws_s3_object', 'aws_s3_bucket_policy'].flatMap(
      (type) => addressesOf(out, type),
    );
    expect(expected).toHaveLength(6);
    expect([...(onlyResource(out, 'aws_connect_contact_flow_module').depends_on as string[])].sort()).toEqual(expected.sort());
  });

  it('adds output variables to ExtractOutputVariables', () => {
    const out = synth(
      (scope) =>
        new FlowModule(scope, 'module', {
          namePrefix: 'ga-dev',
          connectInstanceArn: instanceArn,
          template,
          placeholders: { ENGAGE_LAMBDA_ARN: 'arn:e', PULL_ACTION_LAMBDA_ARN: 'arn:p', PROCESSING_CUE_AUDIO_URI: 'https://b.s3.us-east-1.amazonaws.com/k' },
          outputVariables: { CustomerAccountNumber: 'AccountNumber' },
        }),
    );
    const flow = JSON.parse(String(onlyResource(out, 'aws_connect_contact_flow_module').content)) as {
      Actions: Array<{ Identifier: string; Parameters: { Attributes?: Record<string, string> } }>;
    };
    const extract = flow.Actions.find((action) => action.Identifier === 'ExtractOutputVariables');
    expect(extract?.Parameters.Attributes).toMatchObject({ AccountNumber: '$.External.outputVariables.CustomerAccountNumber' });
  });

  it('fails synth naming a placeholder left without a value', () => {
    expect(() =>
      synth(
        (scope) =>
          new FlowModule(scope, 'module', {
            namePrefix: 'ga-dev',
            connectInstanceArn: instanceArn,
            template,
            placeholders: { ENGAGE_LAMBDA_ARN: 'arn:e', PROCESSING_CUE_AUDIO_URI: 'https://b.s3.us-east-1.amazonaws.com/k' },
          }),
      ),
    ).toThrow('{{PULL_ACTION_LAMBDA_ARN}}');
  });
});
