import type { CreateCallTransferInput } from '@genagent-connect/asapp-client';
import {
  CUSTOMER_ID_PARAMETER,
  type ConnectEvent,
  type CustomerIdentity,
  contactIdOf,
  customerIdOf,
} from '../connect-event';

export type CallTransferInputResult =
  | { readonly ok: true; readonly input: CreateCallTransferInput; readonly customer: CustomerIdentity }
  | { readonly ok: false; readonly errorMessage: string };

/** Parameters with a meaning of their own; every other Lambda parameter becomes an input variable. */
const TASK_NAME_PARAMETER = 'taskName';

/**
 * Seed 000's request: id and externalConversationId = ContactId; parameter `taskName` selects the task; `customerId`
 * is the parameter, else the caller's number, else absent (withheld caller id); every other parameter is passed on as
 * an input variable.
 */
export function buildCallTransferInput(event: ConnectEvent): CallTransferInputResult {
  const contactId = contactIdOf(event);
  if (!contactId) return { ok: false, errorMessage: 'missing Details.ContactData.ContactId' };
  const { [TASK_NAME_PARAMETER]: taskName, [CUSTOMER_ID_PARAMETER]: _customerId, ...others } = event.Details.Parameters;
  const customer = customerIdOf(event);
  const { customerId } = customer;
  return {
    ok: true,
    customer,
    input: {
      id: contactId,
      externalConversationId: contactId,
      ...(taskName ? { taskName } : {}),
      inputVariables: { ...(customerId ? { customerId } : {}), ...others },
    },
  };
}
