import { z } from 'zod';

// The emulator keeps its own schemas of ASAPP's documented API instead of sharing the client's: as an independent
// implementation it can catch client bugs that shared schemas would hide. Objects are strict so that a field the
// documentation does not name (a typo, or a top-level taskName) is reported rather than silently ignored.

const nonEmptyString = z.string().min(1);
const variables = z.record(z.string(), z.unknown());

/**
 * Body of `POST /mg-genagent/v1/engage` (media mode). `customerId` is the caller's number; a call with a withheld
 * number has none, and ASAPP's own Lambda then sends none (the key is dropped), so it is optional but never empty.
 */
export const engageRequestSchema = z.strictObject({
  namespace: z.literal('amazonconnect'),
  guid: nonEmptyString,
  language: nonEmptyString,
  customerId: nonEmptyString.optional(),
  inputVariables: variables,
  amazonConnectParams: z.strictObject({ streamArn: nonEmptyString }),
});
export type EngageRequest = z.infer<typeof engageRequestSchema>;

/** Body of `POST /generativeagent/v1/call-transfers` (PSTN mode). */
export const createCallTransferRequestSchema = z.strictObject({
  id: nonEmptyString,
  externalConversationId: nonEmptyString,
  type: z.literal('PHONE_NUMBER'),
  phoneNumber: z.strictObject({ country: z.literal('US') }),
  inputContext: z.strictObject({
    taskName: nonEmptyString.optional(),
    inputVariables: variables,
  }),
});
export type CreateCallTransferRequest = z.infer<typeof createCallTransferRequestSchema>;

/** What GenerativeAgent hands back when it transfers the call back to Connect. */
export const outputContextSchema = z.strictObject({
  transferType: z.enum(['SYSTEM', 'AGENT']),
  currentTaskName: nonEmptyString,
  referenceVariables: variables.default({}),
  transferVariables: variables.default({}),
});
export type OutputContext = z.output<typeof outputContextSchema>;
export type OutputContextInput = z.input<typeof outputContextSchema>;

/** One line per issue, each naming the offending field, e.g. `amazonConnectParams.streamArn: Invalid input`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}
