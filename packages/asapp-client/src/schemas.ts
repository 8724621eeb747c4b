import * as z from 'zod';

// Requests are built by this client from typed input, so they need no runtime schema. Replies come from outside and
// are parsed liberally: each operation requires only what our Lambdas use (createCallTransfer: an E.164
// `phoneNumber.transferNumber`; getCallTransfer: nothing but a JSON object, `outputContext` when it is there), and
// every other field is kept when it has the documented type and dropped (undefined) when it is null, missing or of
// another type. Unknown fields are dropped too, so ASAPP adding or omitting a field is never an error for us.

/** Optional, and `null` or a value of the wrong type count as absent. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const variables = z.record(z.string(), z.unknown());
const lenientString = lenient(z.string());
const lenientVariables = lenient(variables);

export interface AsappCredentials {
  readonly apiId: string;
  readonly apiSecret: string;
}

// Checked up front because fetch's own header validation quotes the offending value in its error, which for the
// secret would put it in logs. ASAPP's credentials are printable ASCII.
const headerSafe = z.string().regex(/^[\x21-\x7e]+$/, 'must be non-empty printable ASCII without spaces');
/** `{apiId, apiSecret}` as the client sends them; exported so a credentials source can check what it loaded. */
export const asappCredentialsSchema = z.object({ apiId: headerSafe, apiSecret: headerSafe });

/** Variables handed to GenerativeAgent; values are usually strings (contact attributes, Lambda parameters). */
export type InputVariables = Readonly<Record<string, unknown>>;

// A proxy or a newer API version may send numbers for codes; they are read as their string form.
const errorField = lenient(z.union([z.string(), z.number().transform(String)]));

/**
 * ASAPP's error envelope `{error: {requestId, code, message}}`, e.g. code `400-03`. Any of the three may be missing
 * (a 403 from ASAPP's edge carries no requestId); an envelope with none of them is no envelope.
 */
export const asappErrorBodySchema = z.object({
  error: z.object({ requestId: errorField, code: errorField, message: errorField }),
});
export interface AsappErrorDetail {
  readonly requestId?: string | undefined;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** E.164: what Connect's transfer block dials. */
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 phone number such as +15551234567');

const inputContextSchema = lenient(z.object({ taskName: lenientString, inputVariables: lenientVariables }));

/**
 * GenerativeAgent's outcome. ASAPP's own call-context Lambda only checks that `outputContext` is there, so each field
 * is optional here; the Lambdas decide what a missing one means for the flow.
 */
export const outputContextSchema = z.object({
  transferType: lenientString,
  currentTaskName: lenientString,
  referenceVariables: lenientVariables,
  transferVariables: lenientVariables,
});
export type OutputContext = z.infer<typeof outputContextSchema>;

/** The statuses ASAPP documents; the client passes any other string through. */
export type CallTransferStatus = 'ACTIVE' | 'ONGOING' | 'COMPLETED' | 'EXPIRED';

/** Reply to `POST /generativeagent/v1/call-transfers`; only the number to dial is required. */
export const createdCallTransferSchema = z.object({
  id: lenientString,
  externalConversationId: lenientString,
  type: lenientString,
  phoneNumber: z.object({ transferNumber: e164, country: lenientString, expiresAt: lenientString }),
  inputContext: inputContextSchema,
});
export type CreatedCallTransfer = z.infer<typeof createdCallTransferSchema>;

/** Reply to `GET /generativeagent/v1/call-transfers/{id}`; `outputContext` appears once GenerativeAgent hands back. */
export const callTransferSchema = z.object({
  id: lenientString,
  externalConversationId: lenientString,
  /** A `CallTransferStatus`, or a status ASAPP added since. */
  status: lenientString,
  createdAt: lenientString,
  callReceivedAt: lenientString,
  completedAt: lenientString,
  type: lenientString,
  phoneNumber: lenient(z.object({ transferNumber: lenientString, country: lenientString, expiresAt: lenientString })),
  inputContext: inputContextSchema,
  outputContext: lenient(outputContextSchema),
});
export type CallTransfer = z.infer<typeof callTransferSchema>;

/** One `path: message` per issue, so that errors name the offending field; `root` names an empty path. */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues.map((issue) => `${issue.path.join('.') || root}: ${issue.message}`).join('; ');
}
