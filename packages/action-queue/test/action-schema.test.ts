import { ASAPP_ACTION_NAMES, type AsappAction, parseAsappAction, parsePushEvent } from '../src';

const call = { companyMarker: 'acme', guid: 'c0ffee00-0000-4000-8000-000000000001' };

describe('parseAsappAction', () => {
  it.each([
    { action: 'speak', ...call, speakParams: { text: 'Hello, how can I help?' } },
    { action: 'processingStart', ...call },
    { action: 'processingEnd', ...call },
    { action: 'transferToAgent', ...call, transferToAgentParams: { outputVariables: { queue: 'billing' } } },
    { action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables: { intent: 'refund' } } },
    { action: 'disengage', ...call, reason: 'customer hung up' },
  ] satisfies AsappAction[])('accepts a valid $action action unchanged', (input) => {
    expect(parseAsappAction(input)).toEqual({ ok: true, action: input });
  });

  it('knows exactly the six push actions', () => {
    expect([...ASAPP_ACTION_NAMES].sort()).toEqual(
      ['disengage', 'processingEnd', 'processingStart', 'speak', 'transferToAgent', 'transferToSystem'],
    );
  });

  it('drops fields that are not part of the contract', () => {
    const result = parseAsappAction({ action: 'processingStart', ...call, extra: 'x', speakParams: { text: 'ignored' } });
    expect(result).toEqual({ ok: true, action: { action: 'processingStart', ...call } });
  });

  it.each([
    [{ companyMarker: 'acme', guid: 'g' }, 'missing action field'],
    [{ action: 'speak', guid: 'g', speakParams: { text: 'hi' } }, 'missing companyMarker field'],
    [{ action: 'speak', companyMarker: 'acme', speakParams: { text: 'hi' } }, 'missing guid field'],
    [{ action: 42, ...call }, 'action must be a string'],
    [{ action: 'speak', ...call, guid: 7 }, 'guid must be a string'],
    [{ action: 'speak', ...call, companyMarker: '' }, 'companyMarker must be a non-empty string'],
    [{ action: 'speak', ...call, guid: '' }, 'guid must be a non-empty string'],
    [{ action: 'speak', ...call, companyMarker: 'a'.repeat(129) }, 'companyMarker must be at most 128 characters'],
    [{ action: 'speak', ...call, guid: 'g'.repeat(257) }, 'guid must be at most 256 characters'],
    [{ action: 'speak', ...call, companyMarker: 'ac:me' }, "companyMarker must not contain ':' (the key separator)"],
    [{ action: 'speak', ...call }, 'speakParams.text must be a non-empty string'],
    [{ action: 'speak', ...call, speakParams: {} }, 'speakParams.text must be a non-empty string'],
    [{ action: 'speak', ...call, speakParams: { text: '' } }, 'speakParams.text must be a non-empty string'],
    [
      { action: 'transferToAgent', ...call, transferToAgentParams: { outputVariables: ['x'] } },
      'transferToAgentParams.outputVariables must be an object',
    ],
    [
      { action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables: 'x' } },
      'transferToSystemParams.outputVariables must be an object',
    ],
    [
      { action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables: { n: undefined } } },
      'transferToSystemParams.outputVariables values must be JSON values',
    ],
    [{ action: '', ...call }, 'missing action field'],
    [{ action: null, ...call }, 'missing action field'],
    [{ action: 'speak', ...call, guid: null }, 'missing guid field'],
    [{ action: 'speak', ...call, companyMarker: null, speakParams: { text: 'hi' } }, 'missing companyMarker field'],
    [{ action: 'speak', ...call, speakParams: null }, 'speakParams.text must be a non-empty string'],
    [{ action: 'speak', ...call, speakParams: { text: null } }, 'speakParams.text must be a non-empty string'],
    [{ action: 'transferToAgent', ...call, transferToAgentParams: 'x' }, 'transferToAgentParams must be an object'],
    [{ action: 'disengage', ...call, reason: 3 }, 'reason must be a string'],
    [null, 'the action must be a JSON object'],
    ['speak', 'the action must be a JSON object'],
  ])('rejects %j with "%s"', (input, error) => {
    expect(parseAsappAction(input)).toEqual({ ok: false, error });
  });

  it('names an unknown action (a queue delivers only the six)', () => {
    expect(parseAsappAction({ action: 'error', ...call })).toEqual({ ok: false, error: "unknown action 'error'" });
  });

  it('takes null for absent, at the top and inside params objects', () => {
    const asappDisengage = {
      action: 'disengage',
      ...call,
      speakParams: null,
      transferToAgentParams: null,
      transferToSystemParams: null,
      reason: null,
    };
    expect(parseAsappAction(asappDisengage)).toEqual({ ok: true, action: { action: 'disengage', ...call } });
    expect(
      parseAsappAction({
        action: 'transferToAgent',
        ...call,
        transferToAgentParams: { outputVariables: null },
        transferToSystemParams: { outputVariables: { queue: 'billing' }, priority: null },
      }),
    ).toEqual({
      ok: true,
      action: { action: 'transferToAgent', ...call, transferToAgentParams: {}, transferToSystemParams: { outputVariables: { queue: 'billing' } } },
    });
    expect(parseAsappAction({ action: 'speak', ...call, speakParams: { text: 'hi', voice: null }, reason: null })).toEqual({
      ok: true,
      action: { action: 'speak', ...call, speakParams: { text: 'hi' } },
    });
  });

  it('turns output variables of any JSON type into the strings a contact attribute holds', () => {
    const outputVariables = {
      text: 'as is',
      empty: '',
      integer: 12345,
      decimal: 19.99,
      negative: -1,
      yes: true,
      no: false,
      nothing: null,
      object: { plan: 'gold', since: 2019, tags: ['a', 'b'] },
      list: [1, 'two', null],
    };
    const parsed = parseAsappAction({ action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables } });
    expect(parsed).toEqual({
      ok: true,
      action: {
        action: 'transferToSystem',
        ...call,
        transferToSystemParams: {
          outputVariables: {
            text: 'as is',
            empty: '',
            integer: '12345',
            decimal: '19.99',
            negative: '-1',
            yes: 'true',
            no: 'false',
            nothing: '',
            object: '{"plan":"gold","since":2019,"tags":["a","b"]}',
            list: '[1,"two",null]',
          },
        },
      },
    });
    // Stored and read back, a normalised action parses to itself.
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parseAsappAction(JSON.parse(JSON.stringify(parsed.action)))).toEqual(parsed);
  });
});

describe('parsePushEvent', () => {
  it('tells an unknown action apart, with the call it was meant for', () => {
    expect(parsePushEvent({ action: 'dance', ...call, speakParams: null, extra: 1 })).toEqual({
      kind: 'unknownAction',
      action: 'dance',
      ...call,
    });
    expect(parsePushEvent({ action: 'error', ...call })).toEqual({ kind: 'unknownAction', action: 'error', ...call });
  });

  it('checks action, companyMarker and guid before the action type, as ASAPP\'s PushAction does', () => {
    expect(parsePushEvent({ action: 'dance', companyMarker: 'acme' })).toEqual({ kind: 'invalid', error: 'missing guid field' });
    expect(parsePushEvent({ action: 'dance', ...call, companyMarker: 'a:b' })).toEqual({
      kind: 'invalid',
      error: "companyMarker must not contain ':' (the key separator)",
    });
  });

  it('gives a known action as parseAsappAction does', () => {
    const event = { action: 'speak', ...call, speakParams: { text: 'hi' } };
    expect(parsePushEvent(event)).toEqual({ kind: 'action', action: event });
    expect(parsePushEvent({ ...event, speakParams: null })).toEqual({
      kind: 'invalid',
      error: 'speakParams.text must be a non-empty string',
    });
  });
});
