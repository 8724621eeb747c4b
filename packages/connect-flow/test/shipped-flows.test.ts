import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionEdges, findPlaceholders, type Flow, lintFlow, parseFlow, renderFlowTemplate } from '../src';

const FLOW_DIRECTORY = join(__dirname, '../../../flow-modules');
const read = (file: string): string => readFileSync(join(FLOW_DIRECTORY, file), 'utf8');
const shippedFiles = readdirSync(FLOW_DIRECTORY).filter((name) => name.endsWith('.json'));

/** Placeholders each template may use: the shared contract in the team brief, plus the sample's company marker. */
const EXPECTED_PLACEHOLDERS: Record<string, string[]> = {
  'generative-agent-module.json': ['ENGAGE_LAMBDA_ARN', 'PULL_ACTION_LAMBDA_ARN', 'PROCESSING_CUE_AUDIO_URI'],
  'pstn-transfer-flow.json': ['CALL_TRANSFER_LAMBDA_ARN', 'CALL_CONTEXT_LAMBDA_ARN'],
  'sample-inbound-flow.json': ['ASAPP_COMPANY_MARKER', 'GENERATIVE_AGENT_MODULE_ARN'],
};

// Infra passes cdktf tokens, not ARNs; rendering must carry them through intact.
const tokenValues = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((name, index) => [name, `\${TfToken[TOKEN.${index + 1}]}`]));

describe('shipped flows', () => {
  it('are the three templates the brief names', () => {
    expect(shippedFiles.sort()).toEqual(Object.keys(EXPECTED_PLACEHOLDERS).sort());
  });

  it.each(shippedFiles)('%s uses exactly its contracted placeholders', (file) => {
    expect(findPlaceholders(read(file)).sort()).toEqual([...(EXPECTED_PLACEHOLDERS[file] ?? [])].sort());
  });

  it.each(shippedFiles)('%s passes the linter as a template', (file) => {
    expect(lintFlow(read(file))).toEqual([]);
  });

  it.each(shippedFiles)('%s passes the linter rendered, with every placeholder bound', (file) => {
    const template = read(file);
    const rendered = renderFlowTemplate(template, {
      placeholders: tokenValues(findPlaceholders(template)),
      ...(file === 'generative-agent-module.json' ? { outputVariables: { CustomerAccountNumber: 'AccountNumber' } } : {}),
    });
    expect(lintFlow(rendered, { requireBound: true })).toEqual([]);
  });
});

describe('the GenerativeAgent module', () => {
  const module = parseFlow(read('generative-agent-module.json'), 'generative-agent-module.json');
  const action = (id: string) => {
    const found = module.Actions.find((candidate) => candidate.Identifier === id);
    if (found === undefined) throw new Error(`module has no action ${id}`);
    return found;
  };
  const conditionTargets = (id: string) =>
    Object.fromEntries(
      (action(id).Transitions.Conditions ?? []).map((condition) => [condition.Condition.Operands[0], condition.NextAction]),
    );

  it('exits through Success/Error module transitions', () => {
    expect(module.Settings?.Transitions.map((transition) => transition.ReferenceName)).toEqual(['Success', 'Error']);
  });

  it('routes every next value PullAction can return, and anything else to an error', () => {
    expect(Object.keys(conditionTargets('RouteNextAction')).sort()).toEqual(
      ['disengage', 'error', 'none', 'processingEnd', 'processingStart', 'speak', 'transferToAgent', 'transferToSystem'].sort(),
    );
    expect(action('RouteNextAction').Transitions.NextAction).toBe('SetErrorMessageUnknownNext');
  });

  it('passes the company marker attribute and the contact id to PullAction', () => {
    expect(action('PullAction').Parameters.LambdaInvocationAttributes).toEqual({
      companyMarker: '$.Attributes.ASAPP_CompanyMarker',
      guid: '$.ContactId',
    });
  });

  it('speaks SSML only when PullAction says the text is SSML', () => {
    expect(conditionTargets('CheckTextType')).toEqual({ ssml: 'SpeakResponseSsml' });
    expect(action('SpeakResponseSsml').Parameters).toEqual({ SSML: '$.External.text' });
    expect(action('SpeakResponseText').Parameters).toEqual({ Text: '$.External.text' });
  });

  it('goes straight back to PullAction in long-poll mode unless a processing cue is due', () => {
    expect(conditionTargets('CheckPullMode')).toEqual({ longPoll: 'CheckProcessingLongPoll' });
    expect(action('CheckProcessingLongPoll').Transitions.NextAction).toBe('PullAction');
    expect(conditionTargets('CheckBeepBopLongPoll')).toEqual({ '1': 'PlayProcessingCue' });
    expect(action('CheckBeepBopLongPoll').Transitions.NextAction).toBe('PullAction');
  });

  it('sets a disposition on every way out', () => {
    const setsDisposition = (id: string) => {
      const attributes = action(id).Parameters.Attributes;
      return typeof attributes === 'object' && attributes !== null && 'ASAPP_Disposition' in attributes;
    };
    expect(reachableAvoiding(module, setsDisposition)).not.toContain('ReturnFromModule');
  });

  it('stops streaming only when the module started it', () => {
    expect(reachableAvoiding(module, (id) => id === 'DidModuleStartMediaStreaming')).not.toContain('StopMediaStreaming');
    expect(action('DidModuleStartMediaStreaming').Parameters.ComparisonValue).toBe('$.FlowAttributes.ASAPP_Started_Media');
    expect(conditionTargets('DidModuleStartMediaStreaming')).toEqual({ '1': 'StopMediaStreaming' });
    expect(action('MarkMediaStartedByModule').Transitions.NextAction).toBe('StartMediaStreaming');
  });
});

/** Identifiers reachable from StartAction without passing through any action for which `blocked` holds. */
function reachableAvoiding(flow: Flow, blocked: (id: string) => boolean): Set<string> {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const reached = new Set<string>();
  const pending = [flow.StartAction];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    const current = byId.get(id);
    if (reached.has(id) || blocked(id) || current === undefined) continue;
    reached.add(id);
    pending.push(...actionEdges(current).map((edge) => edge.target));
  }
  return reached;
}
