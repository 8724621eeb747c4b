import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type Flow,
  findPlaceholders,
  OUTPUT_VARIABLES_ACTION_ID,
  parseFlow,
  renderFlowTemplate,
} from '@genagent-connect/connect-flow';
import type { HandlerName } from './bindings';

/** flow-modules/ at the repository root. */
const FLOW_MODULES_DIR = join(__dirname, '..', '..', '..', 'flow-modules');
export const PROCESSING_CUE_WAV = join(FLOW_MODULES_DIR, 'audio', 'processing-cue.wav');

const SANDBOX_ACCOUNT = '000000000000';
const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_INSTANCE_ARN = `arn:aws:connect:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:instance/00000000-0000-4000-8000-00000000000a`;
const SANDBOX_MODULE_ARN = `${SANDBOX_INSTANCE_ARN}/flow-module/sandbox-generative-agent`;
// The object URL form the infra renders (PromptAudioBucket.uri).
export const SANDBOX_PROCESSING_CUE_URI = `https://sandbox-prompts.s3.${SANDBOX_REGION}.amazonaws.com/prompts/processing-cue.wav`;

/** The pseudo ARN the shipped flows are rendered with for each handler, e.g. `…:function:sandbox-engage:live`. */
export function sandboxLambdaArn(handler: HandlerName): string {
  return `arn:aws:lambda:${SANDBOX_REGION}:${SANDBOX_ACCOUNT}:function:sandbox-${handler}:live`;
}

/** Every placeholder of the shipped templates, bound to local pseudo resources. */
function sandboxPlaceholders(companyMarker: string): Record<string, string> {
  return {
    ENGAGE_LAMBDA_ARN: sandboxLambdaArn('engage'),
    PULL_ACTION_LAMBDA_ARN: sandboxLambdaArn('pull-action'),
    CALL_TRANSFER_LAMBDA_ARN: sandboxLambdaArn('call-transfer'),
    CALL_CONTEXT_LAMBDA_ARN: sandboxLambdaArn('call-context'),
    GENERATIVE_AGENT_MODULE_ARN: SANDBOX_MODULE_ARN,
    PROCESSING_CUE_AUDIO_URI: SANDBOX_PROCESSING_CUE_URI,
    ASAPP_COMPANY_MARKER: companyMarker,
  };
}

interface LoadedFlows {
  /** What the call runs. */
  readonly flow: Flow;
  /** File name(s), for the transcript header. */
  readonly label: string;
  /** Modules InvokeFlowModule may call, by ARN. */
  readonly modules: Readonly<Record<string, Flow>>;
}

interface FlowSelection {
  /** `media`: the sample inbound flow invoking the module; `pstn`: the PSTN transfer flow. */
  readonly mode: 'media' | 'pstn';
  /** A flow or module file to run instead (`--flow`). */
  readonly flowFile?: string;
  readonly companyMarker: string;
  /** `{outputVariable: contactAttribute}` for the module's ExtractOutputVariables block. */
  readonly outputVariables: Readonly<Record<string, string>>;
}

/**
 * The shipped templates rendered exactly as the infra renders them (same `renderFlowTemplate`), with local pseudo
 * ARNs. A `--flow` file runs as given; if it holds our placeholders it is rendered the same way, and the shipped
 * module is available to it under its pseudo ARN.
 */
export function loadFlows(selection: FlowSelection): LoadedFlows {
  const render = (file: string, outputVariables: Readonly<Record<string, string>> = {}) =>
    parseFlow(
      renderFlowTemplate(readFileSync(file, 'utf8'), {
        placeholders: sandboxPlaceholders(selection.companyMarker),
        outputVariables,
      }),
      file,
    );
  const module = render(join(FLOW_MODULES_DIR, 'generative-agent-module.json'), selection.outputVariables);
  const modules = { [SANDBOX_MODULE_ARN]: module };
  if (selection.flowFile !== undefined) {
    const file = selection.flowFile;
    // Our own module template takes the scenario's output variables, as the shipped module does.
    const outputVariablesFor = (template: Flow) =>
      template.Actions.some((action) => action.Identifier === OUTPUT_VARIABLES_ACTION_ID) ? selection.outputVariables : {};
    const asWritten = parseFlow(readFileSync(file, 'utf8'), file);
    const flow = findPlaceholders(asWritten).length === 0 ? asWritten : render(file, outputVariablesFor(asWritten));
    return { flow, label: basename(file), modules };
  }
  if (selection.mode === 'pstn') {
    return { flow: render(join(FLOW_MODULES_DIR, 'pstn-transfer-flow.json')), label: 'pstn-transfer-flow.json', modules };
  }
  return {
    flow: render(join(FLOW_MODULES_DIR, 'sample-inbound-flow.json')),
    label: 'sample-inbound-flow.json → generative-agent-module.json',
    modules,
  };
}
