import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  type Flow,
  findPlaceholders,
  OUTPUT_VARIABLES_ACTION_ID,
  parseFlow,
  renderFlowTemplate,
} from '@genagent-connect/connect-flow';
import type { HandlerName } from './bindings';
import { GENERATIVE_AGENT_MODULE } from './scenario';

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
  /** Modules InvokeFlowModule may call, by ARN, id or name. */
  readonly modules: Readonly<Record<string, Flow>>;
  /** Flows TransferToFlow may go to, by name, id or ARN. */
  readonly flows: Readonly<Record<string, Flow>>;
}

interface FlowSelection {
  /** `media`: the sample inbound flow invoking the module; `pstn`: the PSTN transfer flow. */
  readonly mode: 'media' | 'pstn';
  /** A flow or module file to run instead (`--flow`). */
  readonly flowFile?: string;
  readonly companyMarker: string;
  /** `{outputVariable: contactAttribute}` for the module's ExtractOutputVariables block. */
  readonly outputVariables: Readonly<Record<string, string>>;
  /** `--flows DIR`: every flow and module in it, by file name (and `Metadata.name`). */
  readonly flowsDir?: string;
  /** The scenario's `flows`: `{name, id or ARN: file}`. */
  readonly namedFlows?: Readonly<Record<string, string>>;
}

// A module a flow invokes by a name or id like these, and that nobody supplied, is the GenerativeAgent module: ours.
const GENERATIVE_AGENT_MODULE_NAME = /generative.?agent|asapp/i;

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
  // A file runs as written, unless it holds our placeholders: then it is rendered as the infra would render it, our
  // own module template with the scenario's output variables.
  const load = (file: string): Flow => {
    const asWritten = parseFlow(readFileSync(file, 'utf8'), file);
    if (findPlaceholders(asWritten).length === 0) return asWritten;
    const isOurModule = asWritten.Actions.some((action) => action.Identifier === OUTPUT_VARIABLES_ACTION_ID);
    return render(file, isOurModule ? selection.outputVariables : {});
  };
  const library = flowLibrary(selection, module, load);
  const modules: Record<string, Flow> = { ...library.modules, [SANDBOX_MODULE_ARN]: module };
  const flows = library.flows;
  const withOurModule = (loaded: Omit<LoadedFlows, 'modules' | 'flows'>): LoadedFlows => {
    for (const id of invokedModuleIds([loaded.flow, ...Object.values(flows)])) {
      if (!hasKey(modules, id) && GENERATIVE_AGENT_MODULE_NAME.test(id)) modules[id] = module;
    }
    return { ...loaded, modules, flows };
  };
  if (selection.flowFile !== undefined) {
    return withOurModule({ flow: load(selection.flowFile), label: basename(selection.flowFile) });
  }
  if (selection.mode === 'pstn') {
    return withOurModule({ flow: render(join(FLOW_MODULES_DIR, 'pstn-transfer-flow.json')), label: 'pstn-transfer-flow.json' });
  }
  return withOurModule({
    flow: render(join(FLOW_MODULES_DIR, 'sample-inbound-flow.json')),
    label: 'sample-inbound-flow.json → generative-agent-module.json',
  });
}

/** The flows of `--flows DIR` (by file name and Metadata.name) and the scenario's named flows; modules apart. */
function flowLibrary(selection: FlowSelection, ourModule: Flow, load: (file: string) => Flow) {
  const flows: Record<string, Flow> = {};
  const modules: Record<string, Flow> = {};
  const add = (key: string, flow: Flow) => {
    flows[key] = flow;
    if (flow.Settings !== undefined) modules[key] = flow;
  };
  if (selection.flowsDir !== undefined) {
    const directory = selection.flowsDir;
    for (const name of readdirSync(directory).filter((file) => file.endsWith('.json')).sort()) {
      const flow = load(join(directory, name));
      add(basename(name, '.json'), flow);
      const metadataName = flow.Metadata?.name;
      if (typeof metadataName === 'string' && metadataName !== '') add(metadataName, flow);
    }
  }
  for (const [key, file] of Object.entries(selection.namedFlows ?? {})) add(key, file === GENERATIVE_AGENT_MODULE ? ourModule : load(file));
  return { flows, modules };
}

/** Static FlowModuleIds the flows invoke (a JSONPath one is only known during the call). */
function invokedModuleIds(flows: readonly Flow[]): string[] {
  return flows.flatMap((flow) =>
    flow.Actions.filter((action) => action.Type === 'InvokeFlowModule')
      .map((action) => action.Parameters.FlowModuleId)
      .filter((id): id is string => typeof id === 'string' && !id.includes('$.')),
  );
}

function hasKey(modules: Readonly<Record<string, Flow>>, id: string): boolean {
  const trailing = id.slice(id.lastIndexOf('/') + 1);
  return Object.keys(modules).some((key) => key === id || key.slice(key.lastIndexOf('/') + 1) === trailing);
}
