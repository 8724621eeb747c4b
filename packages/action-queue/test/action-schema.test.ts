import { ASAPP_ACTION_NAMES, type AsappAction, parseAsappAction } from '../src';

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
      { action: 'transferToSystem', ...call, transferToSystemParams: { outputVariables: { n: 1 } } },
      'transferToSystemParams.outputVariables values must be strings',
    ],
    [
      { action: 'transferToAgent', ...call, transferToAgentParams: { outputVariables: ['x'] } },
      'transferToAgentParams.outputVariables must be an object of strings',
    ],
    [{ action: 'transferToAgent', ...call, transferToAgentParams: 'x' }, 'transferToAgentParams must be an object'],
    [{ action: 'disengage', ...call, reason: 3 }, 'reason must be a string'],
    [null, 'the action must be a JSON object'],
    ['speak', 'the action must be a JSON object'],
  ])('rejects %j with "%s"', (input, error) => {
    expect(parseAsappAction(input)).toEqual({ ok: false, error });
  });

  it('names an unknown action (refused like any invalid one)', () => {
    expect(parseAsappAction({ action: 'error', ...call })).toEqual({ ok: false, error: "unknown action 'error'" });
  });
});
