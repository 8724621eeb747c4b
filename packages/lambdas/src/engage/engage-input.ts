import type { EngageInput } from '@genagent-connect/asapp-client';
import { type ConnectEvent, type CustomerIdentity, contactIdOf, customerIdOf, customerStreamArnOf } from '../connect-event';

export type EngageInputResult =
  | { readonly ok: true; readonly input: EngageInput; readonly customer: CustomerIdentity }
  | { readonly ok: false; readonly errorMessage: string };

/**
 * The engage request for a call: guid = ContactId, customerId = the `customerId` parameter, else the caller's number,
 * else none (a withheld caller id is no reason to refuse the call), the customer audio stream, and the contact
 * attributes named in the mapping under their input-variable names. A missing stream means media streaming was not
 * started, which ASAPP would only reject later, so it is refused here.
 */
export function buildEngageInput(
  event: ConnectEvent,
  attributesToInputVariables: Readonly<Record<string, string>>,
): EngageInputResult {
  const guid = contactIdOf(event);
  if (!guid) return { ok: false, errorMessage: 'missing Details.ContactData.ContactId' };
  const customer = customerIdOf(event);
  const streamArn = customerStreamArnOf(event);
  if (!streamArn) {
    return {
      ok: false,
      errorMessage:
        'media streaming has not started: Details.ContactData.MediaStreams.Customer.Audio.StreamARN is missing (start media streaming before engaging)',
    };
  }
  return {
    ok: true,
    customer,
    input: {
      guid,
      customerId: customer.customerId,
      streamArn,
      inputVariables: mapAttributes(event, attributesToInputVariables),
    },
  };
}

function mapAttributes(
  event: ConnectEvent,
  attributesToInputVariables: Readonly<Record<string, string>>,
): Record<string, string> {
  const attributes = event.Details.ContactData.Attributes;
  const inputVariables: Record<string, string> = {};
  for (const [attributeName, inputVariableName] of Object.entries(attributesToInputVariables)) {
    const value = attributes[attributeName];
    if (value !== undefined) inputVariables[inputVariableName] = value;
  }
  return inputVariables;
}
