/** How Connect checks a Lambda response before exposing it as `$.External`. */
export type ResponseType = 'STRING_MAP' | 'JSON';

/** Connect rejects Lambda responses above 32 KB. */
export const MAX_LAMBDA_RESPONSE_BYTES = 32 * 1024;

/**
 * The response as the flow will see it under `$.External`, or the reason Connect would reject it. The value goes
 * through JSON, as it does on the wire, so `$.External` holds plain data whatever the handler returned.
 * STRING_MAP: a flat object whose values are all strings. JSON: any JSON value, nested objects included.
 */
export function validateLambdaResponse(
  response: unknown,
  responseType: ResponseType,
): { ok: true; external: unknown } | { ok: false; reason: string } {
  // Lambda serialises an undefined result as null.
  const json = JSON.stringify(response) ?? 'null';
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_LAMBDA_RESPONSE_BYTES) {
    return { ok: false, reason: `response is ${bytes} bytes, above the ${MAX_LAMBDA_RESPONSE_BYTES}-byte limit` };
  }
  const external: unknown = JSON.parse(json);
  if (responseType === 'JSON') return { ok: true, external };
  if (typeof external !== 'object' || external === null || Array.isArray(external)) {
    return { ok: false, reason: `STRING_MAP response must be an object of strings, got ${json.slice(0, 80)}` };
  }
  const nonString = Object.entries(external).find(([, value]) => typeof value !== 'string');
  if (nonString !== undefined) {
    return {
      ok: false,
      reason: `STRING_MAP response value '${nonString[0]}' is ${JSON.stringify(nonString[1]).slice(0, 80)}, not a string (use ResponseType JSON for nested or typed values)`,
    };
  }
  return { ok: true, external };
}
