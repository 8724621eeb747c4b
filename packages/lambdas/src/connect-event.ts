import * as z from 'zod';
import { describeFirstIssue } from './zod-issues';

const stringMap = z.record(z.string(), z.string());

/**
 * The parts of Amazon Connect's ContactFlowEvent our handlers read. Everything a handler may do without is optional
 * here; each handler decides what it requires (pull-action, for one, can take its guid from a parameter).
 */
export const connectEventSchema = z.object({
  Details: z.object({
    ContactData: z.object({
      ContactId: z.string().min(1).optional(),
      Attributes: stringMap.nullish().transform((attributes) => attributes ?? {}),
      // Connect documents Address as optional and possibly empty; a withheld caller id may also arrive as a word
      // such as "anonymous". None of that is an error: see `customerIdOf`.
      CustomerEndpoint: z
        .object({ Address: z.string().nullish().catch(undefined) })
        .nullish()
        .catch(undefined),
      MediaStreams: z
        .object({
          Customer: z.object({ Audio: z.object({ StreamARN: z.string().optional() }).nullish() }).nullish(),
        })
        .nullish(),
    }),
    Parameters: stringMap.nullish().transform((parameters) => parameters ?? {}),
  }),
});

export type ConnectEvent = z.output<typeof connectEventSchema>;

export type ParsedEvent<T> = { readonly ok: true; readonly event: T } | { readonly ok: false; readonly errorMessage: string };

export function parseConnectEvent(input: unknown): ParsedEvent<ConnectEvent> {
  const result = connectEventSchema.safeParse(input);
  return result.success
    ? { ok: true, event: result.data }
    : { ok: false, errorMessage: `invalid Connect event - ${describeFirstIssue(result.error, 'event')}` };
}

export function contactIdOf(event: ConnectEvent): string | undefined {
  return event.Details.ContactData.ContactId;
}

/**
 * What stands in for a withheld number: words carriers and SIP (RFC 3323's `anonymous@anonymous.invalid`) use, and
 * 266696687, "ANONYMOUS" on a keypad, which some North American carriers send. A customer id must identify one
 * caller, so none of them is one.
 */
const WITHHELD_CALLER_IDS = new Set(['anonymous', 'restricted', 'private', 'unavailable', 'unknown', 'withheld', '266696687']);

/** The caller's number, or undefined when Connect has none or the caller withheld it. */
function callerNumberOf(event: ConnectEvent): string | undefined {
  const address = event.Details.ContactData.CustomerEndpoint?.Address?.trim();
  if (!address) return undefined;
  const user = (address.replace(/^(sips?|tel):/i, '').split('@')[0] ?? '').replace(/^\+/, '').toLowerCase();
  return user === '' || WITHHELD_CALLER_IDS.has(user) ? undefined : address;
}

export interface CustomerIdentity {
  /** undefined: the call goes to ASAPP without a customer id. */
  readonly customerId: string | undefined;
  readonly source: 'parameter' | 'caller' | 'none';
}

/** The Lambda parameter a flow sets to choose the customer id itself (seed 000). */
export const CUSTOMER_ID_PARAMETER = 'customerId';

/** Seed 000's rule, for engage too: the flow's `customerId` parameter, else the caller's number, else none. */
export function customerIdOf(event: ConnectEvent): CustomerIdentity {
  const parameter = event.Details.Parameters[CUSTOMER_ID_PARAMETER]?.trim();
  if (parameter) return { customerId: parameter, source: 'parameter' };
  const caller = callerNumberOf(event);
  return caller ? { customerId: caller, source: 'caller' } : { customerId: undefined, source: 'none' };
}

export function customerStreamArnOf(event: ConnectEvent): string | undefined {
  return event.Details.ContactData.MediaStreams?.Customer?.Audio?.StreamARN || undefined;
}

/** The call id for log lines: from the parsed event, or read best-effort from one that was rejected. */
export function contactIdForLogs(event: ConnectEvent | undefined, rawEvent: unknown): string | undefined {
  return event ? contactIdOf(event) : contactIdOfRawEvent(rawEvent);
}

/** `Details.ContactData.ContactId` of an event that has not been (or could not be) validated. */
export function contactIdOfRawEvent(rawEvent: unknown): string | undefined {
  const contactId = (rawEvent as { Details?: { ContactData?: { ContactId?: unknown } } } | null)?.Details?.ContactData
    ?.ContactId;
  return typeof contactId === 'string' ? contactId : undefined;
}
