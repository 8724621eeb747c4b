import { z } from 'zod';
import { ActionFailure } from '../failures';
import type { PhoneTransfer } from '../options';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionScope, NEXT } from '../scope';
import { wholeNumberParameter } from './whole-number';

const E164 = /^\+[1-9]\d{1,14}$/;
const DEFAULT_CONNECTION_TIMEOUT_SECONDS = 30;
const MAX_CONNECTION_TIMEOUT_SECONDS = 600;

const parametersSchema = z.object({
  ThirdPartyPhoneNumber: z.string(),
  // May be a JSONPath, so it is checked after interpolation.
  ThirdPartyConnectionTimeoutSeconds: z.union([z.string(), z.number()]).optional(),
  // The name exported flows use for the same limit.
  ThirdPartyConnectionTimeLimitSeconds: z.union([z.string(), z.number()]).optional(),
  ContinueFlowExecution: z.enum(['True', 'False']).optional(),
  ThirdPartyDTMFDigits: z.string().optional(),
  CallerId: z.object({ Number: z.string().optional(), Name: z.string().optional() }).optional(),
});

/**
 * TransferParticipantToThirdParty ("Transfer to phone number"): the injected transferToPhoneNumber places the
 * third-party leg. With ContinueFlowExecution True (the default) the flow resumes at NextAction once the far end
 * hangs up; with False the call has left the flow. Failures: CallFailed, ConnectionTimeLimitExceeded, or
 * NoMatchingError for a number or timeout Connect would refuse.
 */
export const transferParticipantToThirdParty: ActionHandler = async (scope) => {
  const { action, session } = scope;
  const parameters = parseParameters(action, parametersSchema);
  const phoneNumber = scope.reference('ThirdPartyPhoneNumber', parameters.ThirdPartyPhoneNumber);
  if (!E164.test(phoneNumber)) {
    throw new ActionFailure('NoMatchingError', `'${phoneNumber}' is not an E.164 phone number`);
  }
  const timeoutSeconds = wholeNumberParameter(
    scope,
    'ThirdPartyConnectionTimeoutSeconds',
    parameters.ThirdPartyConnectionTimeLimitSeconds ?? parameters.ThirdPartyConnectionTimeoutSeconds ?? DEFAULT_CONNECTION_TIMEOUT_SECONDS,
    MAX_CONNECTION_TIMEOUT_SECONDS,
  );
  const resumes = parameters.ContinueFlowExecution !== 'False';

  const startedAt = session.elapsed();
  const transfer = session.options.transferToPhoneNumber ?? noOneAnswers(scope);
  const outcome = await session.race(transfer(phoneNumber, { timeoutSeconds }));
  session.emit(
    { type: 'transfer', identifier: action.Identifier, phoneNumber, outcome, resumed: resumes && outcome === 'completed', durationMs: session.elapsed() - startedAt },
    startedAt,
  );
  if (outcome === 'callFailed') throw new ActionFailure('CallFailed', `the call to ${phoneNumber} failed`);
  if (outcome === 'timeout') {
    throw new ActionFailure('ConnectionTimeLimitExceeded', `${phoneNumber} did not answer within ${timeoutSeconds} s`);
  }
  return resumes ? NEXT : { kind: 'endCall', reason: 'transferredToPhoneNumber' };
};

// Without a far end to simulate, the number does not answer: the flow takes its CallFailed branch.
function noOneAnswers(scope: ActionScope): PhoneTransfer {
  return async (phoneNumber) => {
    scope.session.emit({
      type: 'warning',
      identifier: scope.action.Identifier,
      message: `nothing simulates ${phoneNumber} (no transferToPhoneNumber option): the call fails`,
    });
    return 'callFailed';
  };
}
