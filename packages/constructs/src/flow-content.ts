import { renderFlowTemplate } from '@genagent-connect/connect-flow';
import type { ITerraformDependable } from 'cdktf';

/** The content of a flow or flow module: a template from flow-modules/ and what fills it. */
export interface FlowContentProps {
  /** The template: its JSON text (e.g. the file's content) or the parsed object. */
  readonly template: string | object;
  /**
   * Value per placeholder name without braces (`ENGAGE_LAMBDA_ARN`, ...). Terraform references
   * such as an alias ARN are fine: they become `${...}` interpolations in the content. Synth fails
   * naming any placeholder of the template left without a value.
   */
  readonly placeholders: Readonly<Record<string, string>>;
  /** `{outputVariableName: contactAttributeName}` added to `ExtractOutputVariables`. @default none */
  readonly outputVariables?: Readonly<Record<string, string>>;
  /**
   * What the placeholders' targets need in place before the flow is created: Connect validates a
   * published flow's references on create, and an alias ARN alone does not order the flow after
   * the Lambda's instance association and invoke permission (`IntegrationFunction.connectAccess`)
   * or the audio's objects and bucket policy (`PromptAudioBucket.connectAccess`).
   * @default none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** `${` or `%{` that is not the start of a cdktf token. */
const terraformTemplateSequence = /\$\{(?!TfToken\[)|%\{/g;

/**
 * Renders the flow JSON with `renderFlowTemplate` (the same function the sandbox uses, so deployed
 * and simulated flows match), then escapes literal `${` / `%{`, which Terraform would otherwise
 * read as template syntax; cdktf tokens stay, so references resolve.
 */
export function renderFlowContent(props: FlowContentProps): string {
  const rendered = renderFlowTemplate(props.template, {
    placeholders: props.placeholders,
    ...(props.outputVariables ? { outputVariables: props.outputVariables } : {}),
  });
  return rendered.replace(terraformTemplateSequence, (sequence: string) => `${sequence[0]}${sequence}`);
}
