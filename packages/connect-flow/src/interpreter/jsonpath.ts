/**
 * JSONPath as Connect flows use it: `$.A.B`, `$.Attributes.['a b']`, `$.External.list[0]`, either filling a whole
 * parameter or embedded in free text ("Unknown next action $.External.next").
 */

/** The object `$` stands for. */
export type PathRoot = Readonly<Record<string, unknown>>;

// A name segment is letters, digits, `_` and `-` (the characters attribute keys allow); a path therefore ends at
// whitespace or punctuation, so "… is $.External.name." stops before the full stop.
const SEGMENT = String.raw`(?:\.[\p{L}\p{N}_-]+|\.?\[(?:'[^']*'|"[^"]*"|\d+)\])`;
const EMBEDDED_PATH = new RegExp(String.raw`\$${SEGMENT}+`, 'gu');
const WHOLE_PATH = new RegExp(String.raw`^\$${SEGMENT}+$`, 'u');
const SEGMENT_PART = new RegExp(SEGMENT, 'gu');

/** True when `text` is exactly one path (a "J" parameter given dynamically, or Compare's ComparisonValue). */
export function isPath(text: string): boolean {
  return WHOLE_PATH.test(text.trim());
}

/** The value at `path`, or undefined when any step is missing. Own properties only, so `$.External.constructor` is missing. */
export function resolvePath(root: PathRoot, path: string): unknown {
  const trimmed = path.trim();
  if (!WHOLE_PATH.test(trimmed)) return undefined;
  let value: unknown = root;
  for (const [segment] of trimmed.slice(1).matchAll(SEGMENT_PART)) {
    const key = segmentKey(segment);
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Replaces every path embedded in `template` by the text form of its value; a missing value becomes "". */
export function interpolate(template: string, root: PathRoot): string {
  return template.replace(EMBEDDED_PATH, (path) => textOf(resolvePath(root, path)));
}

/**
 * The string form Connect compares and interpolates: strings as they are, numbers and booleans as JSON writes them
 * (`1` → "1"), objects and arrays as JSON, missing and null as "".
 */
export function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function segmentKey(segment: string): string {
  const bracket = segment.indexOf('[');
  if (bracket < 0) return segment.slice(1);
  const inner = segment.slice(bracket + 1, -1);
  return inner.startsWith("'") || inner.startsWith('"') ? inner.slice(1, -1) : inner;
}
