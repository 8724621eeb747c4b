import { type ConnectEvent, contactIdOf } from '../connect-event';

/** ASAPP's module spells the attribute the first way, seed 001 the second; either works. */
const COMPANY_MARKER_ATTRIBUTES = ['ASAPP_CompanyMarker', 'ASAPP_companyMarker'] as const;

export function companyMarkerOf(event: ConnectEvent): string | undefined {
  const { Parameters: parameters, ContactData: contactData } = event.Details;
  if (parameters.companyMarker) return parameters.companyMarker;
  for (const attribute of COMPANY_MARKER_ATTRIBUTES) {
    if (contactData.Attributes[attribute]) return contactData.Attributes[attribute];
  }
  return undefined;
}

export function guidOf(event: ConnectEvent): string | undefined {
  return event.Details.Parameters.guid || contactIdOf(event);
}

/** The module passes its `genagentProcessing` flow attribute as parameter `processing` ("1" while processing). */
export function processingOf(event: ConnectEvent): boolean {
  return event.Details.Parameters.processing === '1';
}

/**
 * This project's module passes `lastSequence` (its `genagentLastSequence` flow attribute, "0" before the first
 * action): the pull is then at-least-once. ASAPP's module passes nothing: undefined, the pull is ASAPP's LPOP.
 */
export function lastSequenceOf(event: ConnectEvent): number | undefined | 'invalid' {
  const value = event.Details.Parameters.lastSequence;
  if (value === undefined) return undefined;
  if (value === '') return 0;
  return /^\d{1,15}$/.test(value) ? Number(value) : 'invalid';
}
