import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULES, lintFlow } from '../src';

/** Each fixture breaks exactly one rule, at this action (null: a document-level finding). */
const BROKEN_FIXTURES: Record<string, string | null> = {
  'valid-shape': 'Greet',
  'identifier-format': 'Greet (caller)',
  'unique-identifiers': 'Greet',
  'start-action-exists': null,
  'transition-targets-exist': 'Greet',
  'next-action-required': 'Greet',
  'unreachable-actions': 'Orphan',
  'error-branches': 'Greet',
  'required-error-branches': 'SetNumber',
  'compare-conditions': 'CheckLanguage',
  'lambda-time-limit': 'LookUpCaller',
  'parameter-values': 'Greet',
  'loop-needs-wait': 'CountAttempt',
  'module-return': null,
  'flow-kind-actions': 'InvokeOtherModule',
  'flow-type-actions': 'Greet',
  'known-action-type': 'Greet',
  'unbound-placeholders': 'Greet',
};

const fixture = (rule: string): string => readFileSync(join(__dirname, 'fixtures', `${rule}.json`), 'utf8');

const minimalFlow = (actions: unknown[], startAction = 'Start') => ({
  Version: '2019-10-30',
  StartAction: startAction,
  Actions: actions,
});
const hangup = { Identifier: 'Hangup', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };
const rulesOf = (json: unknown) => lintFlow(json).map((finding) => `${finding.rule}: ${finding.message}`);

describe('lintFlow', () => {
  it('has a broken fixture for every rule', () => {
    expect(Object.keys(BROKEN_FIXTURES).sort()).toEqual(LINT_RULES.map((rule) => rule.id).sort());
  });

  it.each(Object.entries(BROKEN_FIXTURES))('fails the %s fixture with exactly that finding', (rule, actionId) => {
    const findings = lintFlow(fixture(rule), { requireBound: true });
    expect(findings.map((finding) => ({ rule: finding.rule, actionId: finding.actionId ?? null }))).toEqual([
      { rule, actionId },
    ]);
  });

  it('reports placeholders only when asked to', () => {
    expect(lintFlow(fixture('unbound-placeholders'))).toEqual([]);
  });

  it('names the path of shape violations and reports JSON syntax errors as shape findings', () => {
    expect(lintFlow(fixture('valid-shape'))[0]?.message).toMatch(/^Actions\[0\]\.Transitions\.Errors\[0\]\.ErrorType: /);
    expect(lintFlow('{"Version":')).toEqual([
      expect.objectContaining({ rule: 'valid-shape', severity: 'error', message: expect.stringMatching(/^\(document\): invalid JSON/) }),
    ]);
  });

  it('checks Compare operands and ComparisonValue, not only operators', () => {
    const compare = (parameters: object, operands: string[]) =>
      minimalFlow([
        {
          Identifier: 'Start',
          Type: 'Compare',
          Parameters: parameters,
          Transitions: {
            NextAction: 'Hangup',
            Conditions: [{ NextAction: 'Hangup', Condition: { Operator: 'Equals', Operands: operands } }],
            Errors: [{ NextAction: 'Hangup', ErrorType: 'NoMatchingCondition' }],
          },
        },
        hangup,
      ]);
    expect(rulesOf(compare({ ComparisonValue: '$.External.next' }, ['a', 'b']))).toEqual([
      'compare-conditions: Conditions[0]: Equals takes exactly one operand, got 2',
    ]);
    expect(rulesOf(compare({ ComparisonValue: 'next is $.External.next' }, ['a']))).toEqual([
      'compare-conditions: ComparisonValue must be one JSONPath such as "$.External.next", got "next is $.External.next"',
    ]);
  });

  it('allows asynchronous Lambda invocations up to 60 s but requires the limit as a string', () => {
    const lambda = (parameters: object) =>
      minimalFlow([
        {
          Identifier: 'Start',
          Type: 'InvokeLambdaFunction',
          Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:1:function:f', ...parameters },
          Transitions: { NextAction: 'Hangup', Errors: [{ NextAction: 'Hangup', ErrorType: 'NoMatchingError' }] },
        },
        hangup,
      ]);
    expect(rulesOf(lambda({ InvocationType: 'ASYNCHRONOUS', InvocationTimeLimitSeconds: '60' }))).toEqual([]);
    expect(rulesOf(lambda({ InvocationTimeLimitSeconds: 3 }))).toEqual([
      'lambda-time-limit: InvocationTimeLimitSeconds must be a string holding a whole number from 1 to 8 (SYNCHRONOUS), got 3',
    ]);
  });

  it('accepts a loop that goes through a Lambda call, and flags a busy self-loop', () => {
    const poll = {
      Identifier: 'Start',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:1:function:f', InvocationTimeLimitSeconds: '3' },
      Transitions: { NextAction: 'Route', Errors: [{ NextAction: 'Hangup', ErrorType: 'NoMatchingError' }] },
    };
    const route = (next: string) => ({
      Identifier: 'Route',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.External.next' },
      Transitions: {
        NextAction: next,
        Conditions: [{ NextAction: 'Hangup', Condition: { Operator: 'Equals', Operands: ['done'] } }],
        Errors: [{ NextAction: next, ErrorType: 'NoMatchingCondition' }],
      },
    });
    expect(rulesOf(minimalFlow([poll, route('Start'), hangup]))).toEqual([]);
    expect(rulesOf(minimalFlow([poll, route('Route'), hangup]))).toEqual([
      'loop-needs-wait: loop through Route never waits: add a prompt, a Wait or a Lambda call to it',
    ]);
  });

  it('accepts enum values in any case where Connect does, and documented types without error branches as warnings', () => {
    const voice = (engine: string) =>
      minimalFlow([
        {
          Identifier: 'Start',
          Type: 'UpdateContactTextToSpeechVoice',
          Parameters: { TextToSpeechVoice: 'Joanna', TextToSpeechEngine: engine },
          Transitions: { NextAction: 'Say', Errors: [{ NextAction: 'Say', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'Say', Type: 'MessageParticipant', Parameters: { Text: 'Hi' }, Transitions: { NextAction: 'Hangup' } },
        hangup,
      ]);
    expect(lintFlow(voice('neural'))).toEqual([
      expect.objectContaining({ rule: 'error-branches', severity: 'warning', actionId: 'Say' }),
    ]);
    expect(rulesOf(voice('Turbo'))).toContain(
      'parameter-values: Parameters.TextToSpeechEngine is "Turbo"; Connect accepts Standard, Neural, Long-Form, Generative (any case)',
    );
  });

  it.each([
    ['', '""'],
    ['<QUEUE_ARN>', '<QUEUE_ARN>'],
    ['<<queue arn>>', '<<queue arn>>'],
    [`arn:aws:connect:\${REGION}:1:instance/i/queue/q`, `\${REGION}`],
    ['{queueArn}', '{queueArn}'],
    ['{{queues.main.arn}}', '{{queues.main.arn}}'],
    ['REPLACE_WITH_QUEUE_ARN', 'REPLACE_WITH_QUEUE_ARN'],
    ['ENTER QUEUE ARN HERE', 'ENTER QUEUE ARN HERE'],
  ])('reports the unbound placeholder in the queue id %j: a warning, an error with requireBound', (value, placeholder) => {
    const flow = minimalFlow([
      {
        Identifier: 'Start',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: value },
        Transitions: { NextAction: 'Hangup', Errors: [{ NextAction: 'Hangup', ErrorType: 'NoMatchingError' }] },
      },
      hangup,
    ]);
    const expected = (severity: string) => [
      {
        rule: 'unbound-placeholders',
        severity,
        actionId: 'Start',
        message: `Parameters.QueueId holds the unbound placeholder ${placeholder}: replace it with the resource's ARN or id before deploying`,
      },
    ];
    expect(lintFlow(flow)).toEqual(expected('warning'));
    expect(lintFlow(flow, { requireBound: true })).toEqual(expected('error'));
  });

  it('treats caller input and bots as waits in loops', () => {
    const ask = (type: string) =>
      minimalFlow([
        {
          Identifier: 'Start',
          Type: type,
          Parameters: { Text: 'Press 1', LexV2Bot: { AliasArn: 'arn:aws:lex:us-east-1:1:bot-alias/B/A' } },
          Transitions: {
            NextAction: 'Start',
            Conditions: [{ NextAction: 'Hangup', Condition: { Operator: 'Equals', Operands: ['1'] } }],
            Errors: [{ NextAction: 'Start', ErrorType: 'NoMatchingError' }],
          },
        },
        hangup,
      ]);
    expect(rulesOf(ask('GetParticipantInput'))).toEqual([]);
    expect(rulesOf(ask('ConnectParticipantWithLexBot'))).toEqual([]);
    expect(rulesOf(ask('UpdateFlowAttributes')).filter((rule) => rule.startsWith('loop-needs-wait'))).toHaveLength(1);
  });

  it('knows every action type of the flow-language reference', () => {
    // The Contents of the participant, contact, flow-control and interaction action pages of the reference.
    const documented = [
      ...['ConnectParticipantWithLexBot', 'DisconnectParticipant', 'GetParticipantInput', 'MessageParticipant', 'MessageParticipantIteratively', 'ShowView'],
      ...['CompleteOutboundCall', 'CreateCase', 'CreateTask', 'CreateWisdomSession', 'DequeueContactAndTransferToQueue', 'EndFlowModuleExecution'],
      ...['GetCase', 'InvokeFlowModule', 'StartOutboundChatContact', 'TagContact', 'TransferContactToAgent', 'TransferContactToQueue', 'UnTagContact'],
      ...['UpdateCase', 'UpdateContactAttributes', 'UpdateContactCallbackNumber', 'UpdateContactData', 'UpdateContactEventHooks'],
      ...['UpdateContactMediaProcessing', 'UpdateContactMediaStreamingBehavior', 'UpdateContactRecordingAndAnalyticsBehavior'],
      ...['UpdateContactRecordingBehavior', 'ResumeContact', 'UpdateContactRoutingBehavior', 'UpdateContactTargetQueue'],
      ...['UpdateContactTextToSpeechVoice', 'UpdatePreviousContactParticipantState'],
      ...['CheckHoursOfOperation', 'CheckMetricData', 'CheckOutboundCallStatus', 'CheckVoiceId', 'Compare', 'DistributeByPercentage'],
      ...['EndFlowExecution', 'GetMetricData', 'Loop', 'StartVoiceIdStream', 'TransferToFlow', 'UpdateFlowAttributes', 'UpdateFlowLoggingBehavior'],
      ...['UpdateRoutingCriteria', 'Wait'],
      ...['AssociateContactToCustomerProfile', 'CreateCallbackContact', 'CreateCustomerProfile', 'InvokeLambdaFunction', 'GetCustomerProfile'],
      ...['GetCustomerProfileObject', 'GetCalculatedAttributesForCustomerProfile', 'UpdateCustomerProfile'],
    ];
    const unknown = documented.filter((type) =>
      lintFlow(minimalFlow([{ Identifier: 'Start', Type: type, Parameters: {}, Transitions: {} }])).some((finding) => finding.rule === 'known-action-type'),
    );
    expect(unknown).toEqual([]);
  });

  it('accepts an action without Parameters, as Connect does', () => {
    expect(rulesOf(minimalFlow([{ Identifier: 'Start', Type: 'DisconnectParticipant', Transitions: {} }]))).toEqual([]);
  });
});
