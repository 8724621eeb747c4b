import type { EngageInput } from '@genagent-connect/asapp-client';
import { type ConnectEvent, callerNumberOf, contactIdOf, customerStreamArnOf } from '../connect-event';

export type EngageInputResult =
  | { readonly ok: true; readonly input: EngageInput }
  | { readonly ok: false; readonly errorMessage: string };

/**
 * The engage request for a call: guid = ContactId, customerId = caller number, the customer audio stream, and the
 * contact attributes named in the mapping under their input-variable names. A missing stream means media streaming
 * was not started, which ASAPP would only reject later, so it is refused here.
 */
export function buildEngageInput(
  event: ConnectEvent,
  attributesToInputVariables: Readonly<Record<string, string>>,
): EngageInputResult {
  const guid = contactIdOf(event);
  if (!guid) return { ok: false, errorMessage: 'missing Details.ContactData.ContactId' };
  const customerId = callerNumberOf(event);
  if (!customerId) {
    return { ok: false, errorMessage: "missing Details.ContactData.CustomerEndpoint.Address (the caller's number)" };
  }
  const streamArn = customerStreamArnOf(event);
  if (!streamArn) {
    return {
      ok: false,
      errorMessage:
        'media streaming has not started: Details.ContactData.MediaStreams.Customer.Audio.StreamARN is missing (start media streaming before engaging)',
    };
  }
  return { ok: true, input: { guid, customerId, streamArn, inputVariables: mapAttributes(event, attributesToInputVariables) } };
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
