import * as z from 'zod';

// Requests are built by this client from typed input, so they need no runtime schema. Responses come from outside and
// are parsed: strict on the fields our Lambdas use, lenient (optional, unknown keys dropped) on the rest, because
// ASAPP may omit or add fields without that being an error for us.

const variables = z.record(z.string(), z.unknown());

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

/** ASAPP's error envelope `{error: {requestId, code, message}}`, e.g. code `400-03`. */
export const asappErrorBodySchema = z.object({
  error: z.object({ requestId: z.string(), code: z.string(), message: z.string() }),
});
export type AsappErrorDetail = z.infer<typeof asappErrorBodySchema>['error'];

/** E.164: what Connect's transfer block dials. */
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'expected an E.164 phone number such as +15551234567');

const inputContextSchema = z.object({ taskName: z.string().optional(), inputVariables: variables.optional() });

export const outputContextSchema = z.object({
  transferType: z.enum(['SYSTEM', 'AGENT']),
  currentTaskName: z.string(),
  referenceVariables: variables.default({}),
  transferVariables: variables.default({}),
});
export type OutputContext = z.infer<typeof outputContextSchema>;

export const callTransferStatusSchema = z.enum(['ACTIVE', 'ONGOING', 'COMPLETED', 'EXPIRED']);
export type CallTransferStatus = z.infer<typeof callTransferStatusSchema>;

/** Reply to `POST /generativeagent/v1/call-transfers`. */
export const createdCallTransferSchema = z.object({
  id: z.string(),
  externalConversationId: z.string().optional(),
  type: z.string().optional(),
  phoneNumber: z.object({
    transferNumber: e164,
    country: z.string().optional(),
    expiresAt: z.string().optional(),
  }),
  inputContext: inputContextSchema.optional(),
});
export type CreatedCallTransfer = z.infer<typeof createdCallTransferSchema>;

/** Reply to `GET /generativeagent/v1/call-transfers/{id}`; `outputContext` appears once GenerativeAgent hands back. */
export const callTransferSchema = z.object({
  id: z.string(),
  externalConversationId: z.string(),
  status: callTransferStatusSchema,
  createdAt: z.string().optional(),
  callReceivedAt: z.string().optional(),
  completedAt: z.string().optional(),
  type: z.string().optional(),
  phoneNumber: z
    .object({ transferNumber: z.string().optional(), country: z.string().optional(), expiresAt: z.string().optional() })
    .optional(),
  inputContext: inputContextSchema.optional(),
  outputContext: outputContextSchema.optional(),
});
export type CallTransfer = z.infer<typeof callTransferSchema>;

/** One `path: message` per issue, so that errors name the offending field; `root` names an empty path. */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues.map((issue) => `${issue.path.join('.') || root}: ${issue.message}`).join('; ');
}
