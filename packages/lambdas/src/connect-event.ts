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
      CustomerEndpoint: z.object({ Address: z.string() }).nullish(),
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

export function callerNumberOf(event: ConnectEvent): string | undefined {
  return event.Details.ContactData.CustomerEndpoint?.Address || undefined;
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
