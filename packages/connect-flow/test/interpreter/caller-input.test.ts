import { act, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const errorTo = (target: string, ...types: string[]) => types.map((ErrorType) => ({ NextAction: target, ErrorType }));

const menu = (parameters: Record<string, unknown> = {}) =>
  flowOf(
    act(
      'Menu',
      'GetParticipantInput',
      { Text: 'Press 1 for sales, 2 for support.', InputTimeLimitSeconds: '5', StoreInput: 'False', ...parameters },
      {
        NextAction: 'other',
        Conditions: [
          { NextAction: 'sales', Condition: { Operator: 'Equals', Operands: ['1'] } },
          { NextAction: 'support', Condition: { Operator: 'Equals', Operands: ['2'] } },
        ],
        Errors: [...errorTo('timeout', 'InputTimeLimitExceeded'), ...errorTo('other', 'NoMatchingCondition', 'NoMatchingError')],
      },
    ),
    ...routeTo('sales'),
    ...routeTo('support'),
    ...routeTo('timeout'),
    ...routeTo('other'),
  );

describe('GetParticipantInput', () => {
  it('branches on the digits the caller presses after the prompt', async () => {
    const result = await run(menu(), { callerInput: [{ dtmf: '2' }] });
    expect(result.attributes.route).toBe('support');
    expect(eventsOfType(result, 'input')).toEqual([expect.objectContaining({ identifier: 'Menu', kind: 'dtmf', value: '2' })]);
  });

  it('gives a silent caller the timeout branch after InputTimeLimitSeconds, once the prompt has played', async () => {
    const result = await run(menu());
    expect(result.attributes.route).toBe('timeout');
    const [speech] = eventsOfType(result, 'speech');
    expect(result.durationMs).toBe((speech?.durationMs ?? 0) + 5000);
  });

  it('waits for input given at a later moment, within the time limit, and times out on one given too late', async () => {
    expect((await run(menu(), { callerInput: [{ atMs: 4000, dtmf: '1' }] })).attributes.route).toBe('sales');
    expect((await run(menu(), { callerInput: [{ atMs: 60_000, dtmf: '1' }] })).attributes.route).toBe('timeout');
  });

  it('takes no match for digits no condition names, and ignores speech', async () => {
    expect((await run(menu(), { callerInput: [{ dtmf: '9' }] })).attributes.route).toBe('other');
    const spoken = await run(menu(), { callerInput: [{ utterance: 'sales please' }] });
    expect(spoken.attributes.route).toBe('timeout');
    expect(eventsOfType(spoken, 'warning').map((event) => event.message)).toContain('the caller spoke, but this block collects DTMF digits: ignored');
  });

  it('stores a validated local phone number as $.StoredCustomerInput, and fails InvalidPhoneNumber otherwise', async () => {
    const store = flowOf(
      act(
        'Ask',
        'GetParticipantInput',
        { Text: 'Your number?', StoreInput: 'True', InputValidation: { PhoneNumberValidation: { NumberFormat: 'Local', CountryCode: 'US' } } },
        { NextAction: 'Keep', Errors: errorTo('invalid', 'InvalidPhoneNumber', 'NoMatchingError') },
      ),
      act('Keep', 'UpdateContactAttributes', { Attributes: { stored: '$.StoredCustomerInput' } }, { NextAction: 'hangUp' }),
      hangUp(),
      ...routeTo('invalid'),
    );
    expect((await run(store, { callerInput: [{ dtmf: '2065550100#' }] })).attributes.stored).toBe('+12065550100');
    expect((await run(store, { callerInput: [{ dtmf: '12' }] })).attributes.route).toBe('invalid');
  });
});

describe('ConnectParticipantWithLexBot', () => {
  const bot = flowOf(
    act(
      'Ask',
      'ConnectParticipantWithLexBot',
      { Text: 'How can I help?', LexV2Bot: { AliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/BOT/ALIAS' } },
      {
        NextAction: 'other',
        Conditions: [{ NextAction: 'Keep', Condition: { Operator: 'Equals', Operands: ['BookFlight'] } }],
        Errors: [...errorTo('timeout', 'InputTimeLimitExceeded'), ...errorTo('other', 'NoMatchingCondition', 'NoMatchingError')],
      },
    ),
    act('Keep', 'UpdateContactAttributes', { Attributes: { city: '$.Lex.Slots.city', intent: '$.Lex.IntentName' } }, { NextAction: 'hangUp' }),
    hangUp(),
    ...routeTo('timeout'),
    ...routeTo('other'),
  );

  it('branches on the intent the scenario gives, with its slots under $.Lex.Slots', async () => {
    const result = await run(bot, { callerInput: [{ utterance: 'a flight to Paris', intent: { name: 'BookFlight', slots: { city: 'Paris' } } }] });
    expect(result.attributes).toMatchObject({ city: 'Paris', intent: 'BookFlight' });
  });

  it('takes words without an intent as FallbackIntent (no condition matches), and silence as a timeout', async () => {
    expect((await run(bot, { callerInput: [{ utterance: 'umm' }] })).attributes.route).toBe('other');
    expect((await run(bot)).attributes.route).toBe('timeout');
  });

  it('fails naming the empty attribute when the bot alias ARN is dynamic and unset', async () => {
    const dynamic = flowOf(
      act('Ask', 'ConnectParticipantWithLexBot', { Text: 'Hi', LexV2Bot: { AliasArn: '$.FlowAttributes.botArn' } }, { NextAction: 'hangUp', Errors: errorTo('hangUp', 'NoMatchingError') }),
      hangUp(),
    );
    const [failure] = eventsOfType(await run(dynamic), 'error');
    expect(failure?.message).toBe("LexV2Bot.AliasArn '$.FlowAttributes.botArn' resolved to an empty value: $.FlowAttributes.botArn is empty or unset");
  });
});

describe('other documented actions', () => {
  it('passes settings-only blocks through with a line saying what Connect would do', async () => {
    const flow = flowOf(act('Log', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Enabled' }, { NextAction: 'hangUp' }), hangUp());
    const result = await run(flow);
    expect(result.endReason).toBe('disconnected');
    expect(eventsOfType(result, 'setting')).toEqual([
      expect.objectContaining({ identifier: 'Log', text: 'Connect would turn flow logs to CloudWatch on or off (FlowLoggingBehavior=Enabled)' }),
    ]);
  });

  it('continues in the target flow of TransferToFlow, and ends as transferredToFlow when it was not given', async () => {
    const target = flowOf(act('Bye', 'MessageParticipant', { Text: 'In the other flow' }, { NextAction: 'hangUp' }), hangUp());
    const flow = flowOf(act('Go', 'TransferToFlow', { ContactFlowId: 'arn:aws:connect:us-east-1:1:instance/i/contact-flow/other-id' }, { NextAction: 'hangUp' }), hangUp());
    const followed = await run(flow, { flows: { 'other-id': target } });
    expect(followed.endReason).toBe('disconnected');
    expect(eventsOfType(followed, 'speech').map((event) => event.text)).toEqual(['In the other flow']);
    const alone = await run(flow);
    expect(alone.endReason).toBe('transferredToFlow');
    expect(eventsOfType(alone, 'flowTransfer')).toEqual([expect.objectContaining({ flowId: 'arn:aws:connect:us-east-1:1:instance/i/contact-flow/other-id', found: false })]);
  });

  it('answers service blocks from answerService, and neutrally with a warning without an answer', async () => {
    const flow = flowOf(
      act(
        'Staffed',
        'CheckMetricData',
        { MetricType: 'NumberOfAgentsStaffed' },
        {
          NextAction: 'none',
          Conditions: [{ NextAction: 'some', Condition: { Operator: 'NumberGreaterThan', Operands: ['0'] } }],
          Errors: errorTo('none', 'NoMatchingCondition', 'NoMatchingError'),
        },
      ),
      ...routeTo('some'),
      ...routeTo('none'),
    );
    expect((await run(flow, { answerService: ({ identifier }) => (identifier === 'Staffed' ? { value: '3' } : undefined) })).attributes.route).toBe('some');
    const neutral = await run(flow);
    expect(neutral.attributes.route).toBe('none');
    expect(eventsOfType(neutral, 'warning')[0]?.message).toMatch(/^CheckMetricData calls a service the sandbox does not run/);
  });

  it('distributes by a number from 1 to 100, which answerService may fix', async () => {
    const flow = flowOf(
      act('Split', 'DistributeByPercentage', {}, {
        NextAction: 'rest',
        Conditions: [{ NextAction: 'first', Condition: { Operator: 'NumberLessThan', Operands: ['21'] } }],
        Errors: errorTo('rest', 'NoMatchingCondition'),
      }),
      ...routeTo('first'),
      ...routeTo('rest'),
    );
    expect((await run(flow, { answerService: () => ({ value: '20' }) })).attributes.route).toBe('first');
    expect((await run(flow, { answerService: () => ({ value: '21' }) })).attributes.route).toBe('rest');
    expect(['first', 'rest']).toContain((await run(flow)).attributes.route);
  });

  it('interrupts looping prompts after InterruptFrequencySeconds', async () => {
    const flow = flowOf(
      act(
        'Loop',
        'MessageParticipantIteratively',
        { Messages: [{ Text: 'Please hold.' }], InterruptFrequencySeconds: '20' },
        { NextAction: 'hangUp', Conditions: [{ NextAction: 'hangUp', Condition: { Operator: 'Equals', Operands: ['MessagesInterrupted'] } }] },
      ),
      hangUp(),
    );
    const result = await run(flow);
    expect(result.durationMs).toBe(20_000);
    expect(eventsOfType(result, 'speech').length).toBeGreaterThan(1);
  });

  it('skips a module it was not given, with a warning, as if the module returned', async () => {
    const flow = flowOf(act('Invoke', 'InvokeFlowModule', { FlowModuleId: 'missing' }, { NextAction: 'hangUp', Errors: errorTo('hangUp', 'NoMatchingError') }), hangUp());
    const result = await run(flow);
    expect(result.endReason).toBe('disconnected');
    expect(eventsOfType(result, 'warning')[0]?.message).toBe("module 'missing' was not given to the interpreter (none given): skipped, as if it returned");
  });
});
