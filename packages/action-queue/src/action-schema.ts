import * as z from 'zod';

/** Every action ASAPP's GenerativeAgent pushes for a call. `error` is never pushed; PullAction makes it up. */
export const ASAPP_ACTION_NAMES = [
  'speak',
  'processingStart',
  'processingEnd',
  'transferToAgent',
  'transferToSystem',
  'disengage',
] as const;
export type AsappActionName = (typeof ASAPP_ACTION_NAMES)[number];

// Both identifiers become part of a Valkey key, so they are bounded; the marker cannot hold the ':' separator,
// or `a:b` + `c` and `a` + `b:c` would share a queue.
const COMPANY_MARKER_MAX_LENGTH = 128;
const GUID_MAX_LENGTH = 256;

function requiredString(field: string) {
  return z.string({ error: (issue) => (issue.input === undefined ? `missing ${field} field` : `${field} must be a string`) });
}

export const companyMarkerSchema = requiredString('companyMarker')
  .min(1, { error: 'companyMarker must be a non-empty string' })
  .max(COMPANY_MARKER_MAX_LENGTH, { error: `companyMarker must be at most ${COMPANY_MARKER_MAX_LENGTH} characters` })
  .refine((marker) => !marker.includes(':'), { error: "companyMarker must not contain ':' (the key separator)" });

export const guidSchema = requiredString('guid')
  .min(1, { error: 'guid must be a non-empty string' })
  .max(GUID_MAX_LENGTH, { error: `guid must be at most ${GUID_MAX_LENGTH} characters` });

const actionNameSchema = z.enum(ASAPP_ACTION_NAMES, {
  error: (issue) => {
    if (issue.input === undefined) return 'missing action field';
    if (typeof issue.input !== 'string') return 'action must be a string';
    return `unknown action '${issue.input}'`;
  },
});

/** The fields every action needs, in the order their problems are reported. */
const envelopeShape = { action: actionNameSchema, companyMarker: companyMarkerSchema, guid: guidSchema };
const envelopeSchema = z.object(envelopeShape, { error: 'the action must be a JSON object' });

function transferParamsSchema(field: 'transferToAgentParams' | 'transferToSystemParams') {
  const outputVariables = z.record(z.string(), z.string({ error: `${field}.outputVariables values must be strings` }), {
    error: `${field}.outputVariables must be an object of strings`,
  });
  return z.object({ outputVariables: outputVariables.optional() }, { error: `${field} must be an object` });
}

const reasonSchema = z.string({ error: 'reason must be a string' });
const speakTextError = { error: 'speakParams.text must be a non-empty string' };

const speakActionSchema = z.object({
  ...envelopeShape,
  action: z.literal('speak'),
  speakParams: z.object({ text: z.string(speakTextError).min(1, speakTextError) }, speakTextError),
  reason: reasonSchema.optional(),
});

const nonSpeakActionSchema = z.object({
  ...envelopeShape,
  action: actionNameSchema.exclude(['speak']),
  transferToAgentParams: transferParamsSchema('transferToAgentParams').optional(),
  transferToSystemParams: transferParamsSchema('transferToSystemParams').optional(),
  reason: reasonSchema.optional(),
});

/** A push event from ASAPP, as stored in and read from the queue. Unknown fields are dropped. */
export const asappActionSchema = z.discriminatedUnion('action', [speakActionSchema, nonSpeakActionSchema]);
export type AsappAction = z.infer<typeof asappActionSchema>;

export type AsappActionParseResult =
  | { readonly ok: true; readonly action: AsappAction }
  /** `error` names the bad field, e.g. "missing guid field", "speakParams.text must be a non-empty string". */
  | { readonly ok: false; readonly error: string };

/** Validates an untrusted action (a PushAction event or a stored queue entry). */
export function parseAsappAction(input: unknown): AsappActionParseResult {
  // The union alone reports a missing and an unknown action the same way; the envelope tells them apart.
  const envelope = envelopeSchema.safeParse(input);
  const result = envelope.success ? asappActionSchema.safeParse(input) : envelope;
  if (result.success) return { ok: true, action: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? 'invalid action' };
}
