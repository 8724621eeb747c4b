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

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/**
 * ASAPP sends `null` for a field it has no value for (`"speakParams": null` on a disengage): such a field is absent.
 * Applied to the action and to its params objects, not to output variables, whose null values are delivered.
 */
function withoutNullFields(input: unknown): unknown {
  if (!isRecord(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null));
}

function nullFieldsAbsent<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(withoutNullFields, schema);
}

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

// ASAPP's PushAction refuses a falsy action as missing, so an empty one is missing too.
const actionFieldSchema = requiredString('action').min(1, { error: 'missing action field' });

/** The fields every push needs, known action or not, in the order their problems are reported (as ASAPP's). */
const envelopeSchema = z.object(
  { action: actionFieldSchema, companyMarker: companyMarkerSchema, guid: guidSchema },
  { error: 'the action must be a JSON object' },
);

const actionNameSchema = z.enum(ASAPP_ACTION_NAMES, { error: (issue) => `unknown action '${String(issue.input)}'` });
const envelopeShape = { action: actionNameSchema, companyMarker: companyMarkerSchema, guid: guidSchema };

type OutputVariableValue = string | number | boolean | null | unknown[] | Record<string, unknown>;

/**
 * A contact attribute holds a string, so each output variable is delivered as one: strings as they are, numbers and
 * booleans as their string form, objects and arrays as compact JSON, and null as "" (the variable is known to have
 * no value: its attribute is set empty rather than left holding whatever it held before).
 */
function outputVariableText(value: OutputVariableValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function transferParamsSchema(field: 'transferToAgentParams' | 'transferToSystemParams') {
  // Nested values are only serialised, so they are not walked here (a transfer's pull stays cheap).
  const value = z.union(
    [z.string(), z.number(), z.boolean(), z.null(), z.array(z.unknown()), z.record(z.string(), z.unknown())],
    { error: `${field}.outputVariables values must be JSON values` },
  );
  const outputVariables = z.record(z.string(), value.transform(outputVariableText), {
    error: `${field}.outputVariables must be an object`,
  });
  return nullFieldsAbsent(z.object({ outputVariables: outputVariables.optional() }, { error: `${field} must be an object` }));
}

const reasonSchema = z.string({ error: 'reason must be a string' });
const speakTextError = { error: 'speakParams.text must be a non-empty string' };

const speakActionSchema = z.object({
  ...envelopeShape,
  action: z.literal('speak'),
  speakParams: nullFieldsAbsent(z.object({ text: z.string(speakTextError).min(1, speakTextError) }, speakTextError)),
  reason: reasonSchema.optional(),
});

const nonSpeakActionSchema = z.object({
  ...envelopeShape,
  action: actionNameSchema.exclude(['speak']),
  transferToAgentParams: transferParamsSchema('transferToAgentParams').optional(),
  transferToSystemParams: transferParamsSchema('transferToSystemParams').optional(),
  reason: reasonSchema.optional(),
});

/**
 * A push event from ASAPP, as stored in and read from the queue: unknown fields dropped, null fields absent, output
 * variables strings. Parsing a stored action again gives the same action.
 */
const asappActionSchema = z.discriminatedUnion('action', [speakActionSchema, nonSpeakActionSchema]);
export type AsappAction = z.output<typeof asappActionSchema>;

/** What a PushAction event is. */
export type PushEventParseResult =
  | { readonly kind: 'action'; readonly action: AsappAction }
  /** A well-addressed push of an action this integration does not know: ASAPP's PushAction acknowledges and drops it. */
  | { readonly kind: 'unknownAction'; readonly action: string; readonly companyMarker: string; readonly guid: string }
  /** `error` names the bad field, e.g. "missing guid field", "speakParams.text must be a non-empty string". */
  | { readonly kind: 'invalid'; readonly error: string };

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'invalid action';
}

/** Validates an untrusted PushAction event, telling an unknown action apart from a malformed push. */
export function parsePushEvent(input: unknown): PushEventParseResult {
  const event = withoutNullFields(input);
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) return { kind: 'invalid', error: firstIssue(envelope.error) };
  if (!actionNameSchema.safeParse(envelope.data.action).success) return { kind: 'unknownAction', ...envelope.data };
  const action = asappActionSchema.safeParse(event);
  return action.success ? { kind: 'action', action: action.data } : { kind: 'invalid', error: firstIssue(action.error) };
}

export type AsappActionParseResult =
  | { readonly ok: true; readonly action: AsappAction }
  /** `error` names the bad field; an unknown action is "unknown action '<name>'". */
  | { readonly ok: false; readonly error: string };

/** Validates an untrusted action that must be one this integration delivers (a queue entry, ActionQueue.push). */
export function parseAsappAction(input: unknown): AsappActionParseResult {
  const parsed = parsePushEvent(input);
  switch (parsed.kind) {
    case 'action':
      return { ok: true, action: parsed.action };
    case 'unknownAction':
      return { ok: false, error: `unknown action '${parsed.action}'` };
    case 'invalid':
      return { ok: false, error: parsed.error };
  }
}
