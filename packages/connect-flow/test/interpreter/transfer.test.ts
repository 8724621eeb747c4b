import { type PhoneTransfer, virtualClock } from '../../src/interpreter';
import { act, actionsRun, eventsOfType, flowOf, routeTo, run } from './flows';

function transferFlow(Parameters: Record<string, unknown>, errors = ['CallFailed', 'ConnectionTimeLimitExceeded', 'NoMatchingError']) {
  return flowOf(
    act('getNumber', 'InvokeLambdaFunction', { LambdaFunctionARN: 'call-transfer', InvocationTimeLimitSeconds: '8', ResponseValidation: { ResponseType: 'JSON' } }, { NextAction: 'transfer' }),
    act('transfer', 'TransferParticipantToThirdParty', { ThirdPartyPhoneNumber: '$.External.transferNumber', ThirdPartyConnectionTimeoutSeconds: '30', ...Parameters }, {
      NextAction: 'resumed',
      Errors: errors.map((ErrorType) => ({ ErrorType, NextAction: ErrorType })),
    }),
    ...routeTo('resumed'),
    ...routeTo('CallFailed'),
    ...routeTo('ConnectionTimeLimitExceeded'),
    ...routeTo('NoMatchingError'),
  );
}

const numberLambda = (transferNumber: string) => async () => ({ result: 'ok', transferNumber });

describe('TransferParticipantToThirdParty', () => {
  it('transfers to the number from $.External and resumes when the far end hangs up', async () => {
    const clock = virtualClock();
    const calls: [string, number][] = [];
    const transferToPhoneNumber: PhoneTransfer = async (phoneNumber, { timeoutSeconds }) => {
      calls.push([phoneNumber, timeoutSeconds]);
      await clock.sleep(45_000);
      return 'completed';
    };
    const result = await run(transferFlow({ ContinueFlowExecution: 'True' }), { clock, invokeLambda: numberLambda('+18005550100'), transferToPhoneNumber });
    expect(calls).toEqual([['+18005550100', 30]]);
    expect(result.attributes.route).toBe('resumed');
    expect(eventsOfType(result, 'transfer')).toEqual([
      { type: 'transfer', identifier: 'transfer', phoneNumber: '+18005550100', outcome: 'completed', resumed: true, durationMs: 45_000, at: 0 },
    ]);
    expect(eventsOfType(result, 'disconnect')[0]?.at).toBe(45_000);
  });

  it('resumes by default (ContinueFlowExecution absent)', async () => {
    const result = await run(transferFlow({}), { invokeLambda: numberLambda('+18005550100'), transferToPhoneNumber: async () => 'completed' });
    expect(result.attributes.route).toBe('resumed');
  });

  it('leaves the flow when ContinueFlowExecution is False', async () => {
    const result = await run(transferFlow({ ContinueFlowExecution: 'False' }), {
      invokeLambda: numberLambda('+18005550100'),
      transferToPhoneNumber: async () => 'completed',
    });
    expect(result.endReason).toBe('transferredToPhoneNumber');
    expect(actionsRun(result)).toEqual(['getNumber', 'transfer']);
    expect(eventsOfType(result, 'transfer')[0]?.resumed).toBe(false);
  });

  it.each([
    ['callFailed', 'CallFailed'],
    ['timeout', 'ConnectionTimeLimitExceeded'],
  ] as const)('takes the %s error branch', async (outcome, branch) => {
    const result = await run(transferFlow({}), { invokeLambda: numberLambda('+18005550100'), transferToPhoneNumber: async () => outcome });
    expect(result.attributes.route).toBe(branch);
    expect(eventsOfType(result, 'error')[0]).toMatchObject({ identifier: 'transfer', errorType: branch, handled: true });
  });

  it('falls back to NoMatchingError without a specific branch', async () => {
    const result = await run(transferFlow({}, ['NoMatchingError']), { invokeLambda: numberLambda('+18005550100'), transferToPhoneNumber: async () => 'callFailed' });
    expect(result.attributes.route).toBe('NoMatchingError');
  });

  it('fails without dialling when the number is not E.164 (e.g. the Lambda returned none)', async () => {
    const transferToPhoneNumber = jest.fn<ReturnType<PhoneTransfer>, Parameters<PhoneTransfer>>();
    const result = await run(transferFlow({}), { invokeLambda: numberLambda(''), transferToPhoneNumber });
    expect(result.attributes.route).toBe('NoMatchingError');
    expect(transferToPhoneNumber).not.toHaveBeenCalled();
  });

  it('fails on a connection timeout outside 0–600 s', async () => {
    const result = await run(transferFlow({ ThirdPartyConnectionTimeoutSeconds: '601' }), {
      invokeLambda: numberLambda('+18005550100'),
      transferToPhoneNumber: async () => 'completed',
    });
    expect(result.attributes.route).toBe('NoMatchingError');
  });

  it('fails the call (CallFailed) with a warning when no transferToPhoneNumber option is given', async () => {
    const result = await run(transferFlow({}), { invokeLambda: numberLambda('+18005550100') });
    expect(result.endReason).not.toBe('error');
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'error', identifier: 'transfer', errorType: 'CallFailed' }));
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'warning', message: expect.stringContaining('nothing simulates +18005550100') }));
  });
});
