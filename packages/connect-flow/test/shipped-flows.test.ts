import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  actionEdges,
  findPlaceholders,
  type Flow,
  flowToMermaid,
  type FlowRunResult,
  lintFlow,
  parseFlow,
  renderFlowTemplate,
  type RunFlowOptions,
  runFlow,
  virtualClock,
} from '../src';

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

  it('has its committed diagram up to date (pnpm flow:graph … --out flow-modules/generative-agent-module.mmd)', () => {
    expect(read('generative-agent-module.mmd')).toBe(flowToMermaid(module));
  });
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

  it('gives PullAction 8 s, room for a long-poll of up to 5 s (pull-action MAX_PULL_WAIT_MS) plus its Valkey bound', () => {
    expect(action('PullAction').Parameters.InvocationTimeLimitSeconds).toBe('8');
  });

  it('passes the company marker attribute, the contact id, the processing flag and the last sequence to PullAction', () => {
    expect(action('PullAction').Parameters.LambdaInvocationAttributes).toEqual({
      companyMarker: '$.Attributes.ASAPP_CompanyMarker',
      guid: '$.ContactId',
      processing: '$.FlowAttributes.genagentProcessing',
      lastSequence: '$.FlowAttributes.genagentLastSequence',
    });
  });

  it('keeps the last sequence PullAction answers (starting at 0) and passes it back, acknowledging that action', () => {
    expect(action('SetInitialAgentProcessing').Parameters.FlowAttributes).toMatchObject({ genagentLastSequence: { Value: '0' } });
    expect(action('PullAction').Transitions.NextAction).toBe('SaveLastSequence');
    expect(action('SaveLastSequence').Parameters).toEqual({
      FlowAttributes: { genagentLastSequence: { Value: '$.External.sequence' } },
    });
    expect(action('SaveLastSequence').Transitions.NextAction).toBe('CheckLongPollAnswer');
  });

  it('speaks SSML only when PullAction says the text is SSML', () => {
    expect(conditionTargets('CheckTextType')).toEqual({ ssml: 'SpeakResponseSsml' });
    expect(action('SpeakResponseSsml').Parameters).toEqual({ SSML: '$.External.text' });
    expect(action('SpeakResponseText').Parameters).toEqual({ Text: '$.External.text' });
  });

  it('keeps the processing state a long-poll answer carries, before routing on next', () => {
    expect(action('SaveLastSequence').Transitions.NextAction).toBe('CheckLongPollAnswer');
    expect(action('CheckLongPollAnswer').Parameters.ComparisonValue).toBe('$.External.pullMode');
    expect(conditionTargets('CheckLongPollAnswer')).toEqual({ longPoll: 'SaveAgentProcessing' });
    expect(action('CheckLongPollAnswer').Transitions.NextAction).toBe('RouteNextAction');
    expect(action('SaveAgentProcessing').Parameters).toEqual({
      FlowAttributes: { genagentProcessing: { Value: '$.External.processing' } },
    });
    expect(action('SaveAgentProcessing').Transitions.NextAction).toBe('RouteNextAction');
  });

  it('goes straight back to PullAction in long-poll mode unless PullAction asks for the processing cue', () => {
    expect(conditionTargets('CheckPullMode')).toEqual({ longPoll: 'CheckBeepBopLongPoll' });
    expect(conditionTargets('CheckBeepBopLongPoll')).toEqual({ '1': 'PlayProcessingCue' });
    expect(action('CheckBeepBopLongPoll').Transitions.NextAction).toBe('PullAction');
  });

  it('goes back to PullAction when a decorative prompt fails, recording which kind in genagentPromptFailure', () => {
    const recordedBy = (id: string) => action(id).Transitions.Errors?.map((error) => error.NextAction);
    expect(recordedBy('PlayProcessingCue')).toEqual(['RecordCueFailure']);
    expect(recordedBy('Wait400msSilence')).toEqual(['RecordSilenceFailure']);
    expect(recordedBy('Wait1sSilence')).toEqual(['RecordSilenceFailure']);
    expect(action('RecordCueFailure').Parameters.Attributes).toEqual({ genagentPromptFailure: 'processing cue' });
    expect(action('RecordSilenceFailure').Parameters.Attributes).toEqual({ genagentPromptFailure: 'silence' });
    for (const id of ['RecordCueFailure', 'RecordSilenceFailure']) {
      expect(actionEdges(action(id)).map((edge) => edge.target)).toEqual(['PullAction', 'PullAction']);
    }
  });

  it("ends the conversation only on the conversation's own failures: speech GenerativeAgent sent still fails it", () => {
    for (const id of ['SpeakResponseSsml', 'SpeakResponseText', 'SetAgentProcessing', 'ClearAgentProcessing']) {
      expect(action(id).Transitions.Errors?.map((error) => error.NextAction)).toEqual(['SetErrorMessageModule']);
    }
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
    // The flag is set only once the start succeeded, so a failed start is never followed by a stop.
    expect(action('StartMediaStreaming').Transitions.NextAction).toBe('MarkMediaStartedByModule');
  });
});

describe('the GenerativeAgent module, run', () => {
  const PULL_ACTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:pull-action:live';
  const CUE_URI = 'https://prompts.s3.us-east-1.amazonaws.com/prompts/processing-cue.wav';
  const rendered = parseFlow(
    renderFlowTemplate(read('generative-agent-module.json'), {
      placeholders: {
        ENGAGE_LAMBDA_ARN: 'arn:aws:lambda:us-east-1:111122223333:function:engage:live',
        PULL_ACTION_LAMBDA_ARN: PULL_ACTION_ARN,
        PROCESSING_CUE_AUDIO_URI: CUE_URI,
      },
    }),
    'rendered module',
  );
  // Engage answers as the engage Lambda does when ASAPP refuses the call, so the module exits at once.
  const engageRefused = async () => ({ result: 'error', asappStatusCode: 401, asappErrorResponse: null, errorMessage: 'unauthorized' });
  const runModule = (options: RunFlowOptions): Promise<FlowRunResult> =>
    runFlow(rendered, { clock: virtualClock(), invokeLambda: engageRefused, ...options });
  const streamingChanges = (result: FlowRunResult) =>
    result.events.flatMap((event) => (event.type === 'mediaStreaming' ? [event.state] : []));
  const ran = (result: FlowRunResult, identifier: string) =>
    result.events.some((event) => event.type === 'actionEnter' && event.identifier === identifier);

  it('starts streaming, and stops it on the way out', async () => {
    const result = await runModule({});
    expect(streamingChanges(result)).toEqual(['started', 'stopped']);
    expect(result.attributes).toMatchObject({ ASAPP_Disposition: 'error', ASAPP_ErrorMessage: 'unauthorized' });
    expect(result.endReason).toBe('moduleReturned');
  });

  it('leaves streaming the caller started running', async () => {
    const result = await runModule({ contact: { mediaStreaming: true } });
    expect(streamingChanges(result)).toEqual([]);
    expect(ran(result, 'StopMediaStreaming')).toBe(false);
  });

  /**
   * Runs the module with engage succeeding and PullAction giving `answers` in turn; returns the processing parameter
   * of each PullAction and the loop's steps (PullAction and what the module played between calls).
   */
  async function pullLoop(answers: readonly Record<string, unknown>[], options: RunFlowOptions = {}) {
    const pending = [...answers];
    const processingParameters: (string | undefined)[] = [];
    const result = await runModule({
      resolveAudio: (uri) => (uri === CUE_URI ? { durationMs: 300 } : undefined),
      ...options,
      invokeLambda: async (arn, event) => {
        if (arn !== PULL_ACTION_ARN) return { result: 'success', asappStatusCode: 200, asappErrorResponse: null, errorMessage: '' };
        processingParameters.push(event.Details.Parameters.processing);
        return pending.shift();
      },
    });
    const loopSteps = new Set([
      'PullAction',
      'PlayProcessingCue',
      'Wait400msSilence',
      'Wait1sSilence',
      'SpeakResponseText',
      'RecordCueFailure',
      'RecordSilenceFailure',
    ]);
    const steps = result.events.flatMap((event) =>
      event.type === 'actionEnter' && loopSteps.has(event.identifier) ? [event.identifier] : [],
    );
    return { result, processingParameters, steps };
  }

  it('long-poll: keeps the processing state of each answer, passes it to the next PullAction, cues only when asked', async () => {
    const longPoll = (answer: Record<string, unknown>) => ({ playBeepBop: 0, pullMode: 'longPoll', ...answer });
    const { result, processingParameters, steps } = await pullLoop([
      longPoll({ next: 'none', playBeepBop: 1, processing: 1 }),
      longPoll({ next: 'speak', text: 'Hello', textType: 'text', processing: 0 }),
      longPoll({ next: 'none', processing: 0 }),
      longPoll({ next: 'none', playBeepBop: 1, processing: 1 }),
      longPoll({ next: 'disengage', outputVariables: {}, processing: 1 }),
    ]);
    // The module starts out processing (the greeting is being prepared).
    expect(processingParameters).toEqual(['1', '1', '0', '0', '1']);
    expect(steps).toEqual([
      'PullAction',
      'PlayProcessingCue',
      'PullAction',
      'SpeakResponseText',
      'PullAction',
      'PullAction',
      'PlayProcessingCue',
      'PullAction',
    ]);
    expect(result.attributes).toMatchObject({ ASAPP_Disposition: 'disengage' });
  });

  it("poll: ASAPP's pacing, the processing flag following processingStart/processingEnd", async () => {
    const poll = (answer: Record<string, unknown>) => ({ playBeepBop: 0, pullMode: 'poll', ...answer });
    const { result, processingParameters, steps } = await pullLoop([
      poll({ next: 'processingEnd', playBeepBop: 1 }),
      poll({ next: 'none' }),
      poll({ next: 'processingStart' }),
      poll({ next: 'none', playBeepBop: 1 }),
      poll({ next: 'none' }),
      poll({ next: 'disengage', outputVariables: {} }),
    ]);
    expect(processingParameters).toEqual(['1', '0', '0', '1', '1', '1']);
    expect(steps).toEqual([
      'PullAction',
      'PullAction',
      'Wait1sSilence',
      'PullAction',
      'PullAction',
      'PlayProcessingCue',
      'PullAction',
      'Wait400msSilence',
      'PullAction',
    ]);
    expect(result.attributes).toMatchObject({ ASAPP_Disposition: 'disengage' });
  });

  it('long-poll: a cue that cannot be played is recorded and the call goes on to the next action', async () => {
    const longPoll = (answer: Record<string, unknown>) => ({ playBeepBop: 0, pullMode: 'longPoll', ...answer });
    const { result, steps } = await pullLoop(
      [
        longPoll({ next: 'none', playBeepBop: 1, processing: 1 }),
        longPoll({ next: 'speak', text: 'Hello', textType: 'text', processing: 0 }),
        longPoll({ next: 'disengage', outputVariables: {}, processing: 0 }),
      ],
      { resolveAudio: (uri) => (uri === CUE_URI ? { failure: 'AccessDenied from S3' } : undefined) },
    );
    expect(steps).toEqual(['PullAction', 'PlayProcessingCue', 'RecordCueFailure', 'PullAction', 'SpeakResponseText', 'PullAction']);
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'error', identifier: 'PlayProcessingCue', errorType: 'NoMatchingError', handled: true }),
    );
    expect(result.attributes).toEqual({ genagentPromptFailure: 'processing cue', ASAPP_Disposition: 'disengage' });
    expect(result.endReason).toBe('moduleReturned');
  });

  it('poll: a cue that cannot be played is recorded and polling goes on at the usual pace', async () => {
    const poll = (answer: Record<string, unknown>) => ({ playBeepBop: 0, pullMode: 'poll', ...answer });
    const { result, steps } = await pullLoop(
      [
        poll({ next: 'none', playBeepBop: 1 }),
        poll({ next: 'none' }),
        poll({ next: 'processingEnd' }),
        poll({ next: 'none' }),
        poll({ next: 'disengage', outputVariables: {} }),
      ],
      { resolveAudio: () => ({ failure: 'NoSuchKey' }) },
    );
    expect(steps).toEqual([
      'PullAction',
      'PlayProcessingCue',
      'RecordCueFailure',
      'PullAction',
      'Wait400msSilence',
      'PullAction',
      'PullAction',
      'Wait1sSilence',
      'PullAction',
    ]);
    expect(result.attributes).toMatchObject({ genagentPromptFailure: 'processing cue', ASAPP_Disposition: 'disengage' });
  });

  it('reports a failed start as an error and does not try to stop what it never started', async () => {
    const result = await runModule({ liveMediaStreaming: false });
    expect(result.attributes).toEqual({ ASAPP_Disposition: 'error', ASAPP_ErrorMessage: 'could not start media streaming' });
    expect(ran(result, 'Engage')).toBe(false);
    expect(ran(result, 'StopMediaStreaming')).toBe(false);
    expect(result.endReason).toBe('moduleReturned');
  });
});

describe('the PSTN transfer flow (seed 000)', () => {
  const flow = parseFlow(read('pstn-transfer-flow.json'), 'pstn-transfer-flow.json');
  const action = (id: string) => flow.Actions.find((candidate) => candidate.Identifier === id);

  it('transfers to the number call-transfer returns, resuming afterwards, then asks call-context with the contact id', () => {
    expect(action('TransferToGenerativeAgent')?.Parameters).toMatchObject({
      ThirdPartyPhoneNumber: '$.External.transferNumber',
      ContinueFlowExecution: 'True',
    });
    expect(action('TransferToGenerativeAgent')?.Transitions.NextAction).toBe('GetCallContext');
    expect(action('GetCallContext')?.Parameters.LambdaInvocationAttributes).toEqual({ contactId: '$.ContactId' });
  });

  it('branches on the transfer type AGENT or SYSTEM', () => {
    const routes = action('RouteTransferType');
    expect(routes?.Parameters.ComparisonValue).toBe('$.External.transferType');
    expect(routes?.Transitions.Conditions?.map((condition) => condition.Condition.Operands[0])).toEqual(['AGENT', 'SYSTEM']);
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
