import { z } from 'zod';
import { actionTypeInfo } from '../../lint/action-catalog';
import { ActionFailure } from '../failures';
import { parseParameters } from '../parameters';
import { type ActionHandler, type ActionOutcome, type ActionScope, NEXT } from '../scope';

// Where each service block's result appears for the rest of the call (e.g. $.Customer.FirstName, $.Metrics.Queue.Size).
const RESULT_ROOTS: Readonly<Record<string, string>> = {
  GetCustomerProfile: 'Customer',
  CreateCustomerProfile: 'Customer',
  UpdateCustomerProfile: 'Customer',
  GetCustomerProfileObject: 'Customer',
  GetCalculatedAttributesForCustomerProfile: 'Customer',
  GetCase: 'Case',
  CreateCase: 'Case',
  UpdateCase: 'Case',
  GetMetricData: 'Metrics',
};

/**
 * A block that calls a service the sandbox does not run (Customer Profiles, Cases, queue metrics, tasks, callbacks,
 * Voice ID, views, …): options.answerService answers it. No answer is a neutral one, with a warning: no data, and
 * for a block with conditions no value (its NoMatchingCondition branch).
 */
export const serviceCall: ActionHandler = async (scope) => {
  const { action, session } = scope;
  const answer = session.options.answerService?.({
    identifier: action.Identifier,
    actionType: action.Type,
    parameters: action.Parameters,
  });
  const hasConditions = actionTypeInfo(action.Type)?.conditions.kind !== 'none';
  if (answer === undefined) {
    session.emit({
      type: 'warning',
      identifier: action.Identifier,
      message: `${action.Type} calls a service the sandbox does not run and the scenario gives no answer for it: ${hasConditions ? 'no value (no condition matches)' : 'an empty result'}`,
    });
    return hasConditions ? { kind: 'branch', value: undefined } : NEXT;
  }
  if (answer.error !== undefined) throw new ActionFailure(answer.error, `the scenario answers ${action.Type} with ${answer.error}`);
  const root = RESULT_ROOTS[action.Type];
  if (root !== undefined && answer.data !== undefined) session.contact.serviceData[root] = { ...answer.data };
  return outcomeOf(hasConditions, answer.value);
};

function outcomeOf(hasConditions: boolean, value: string | undefined): ActionOutcome {
  return hasConditions ? { kind: 'branch', value } : NEXT;
}

const callbackParametersSchema = z.object({ CallbackNumber: z.string() });
const E164 = /^\+[1-9]\d{1,14}$/;

/** UpdateContactCallbackNumber ("Set callback number"): sets `$.CallbackNumber`; not E.164 → InvalidCallbackNumber. */
export const updateContactCallbackNumber: ActionHandler = async (scope) => {
  const { CallbackNumber } = parseParameters(scope.action, callbackParametersSchema);
  const number = callbackNumber(scope, CallbackNumber);
  scope.session.contact.callbackNumber = number;
  return NEXT;
};

function callbackNumber(scope: ActionScope, template: string): string {
  let number: string;
  try {
    number = scope.reference('CallbackNumber', template);
  } catch (error) {
    if (error instanceof ActionFailure) throw new ActionFailure('InvalidCallbackNumber', error.message);
    throw error;
  }
  if (!E164.test(number)) throw new ActionFailure('InvalidCallbackNumber', `'${number}' is not an E.164 phone number`);
  return number;
}
