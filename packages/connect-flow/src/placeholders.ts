/** `{{NAME}}`: upper-case letters, digits and underscores, as in `{{ENGAGE_LAMBDA_ARN}}`. */
const PLACEHOLDER_PATTERN = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

/** Names (without braces) of the placeholders in a template, each once, in order of first appearance. */
export function findPlaceholders(json: string | object): string[] {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER_PATTERN), (match) => match[1] as string))];
}

/**
 * Replaces every `{{NAME}}` with `substitute(NAME)`, in one pass so a substituted value is never scanned again
 * (a value may itself look like a placeholder or a cdktf token).
 */
export function replacePlaceholders(text: string, substitute: (name: string) => string): string {
  return text.replace(PLACEHOLDER_PATTERN, (_, name: string) => substitute(name));
}

export function formatPlaceholder(name: string): string {
  return `{{${name}}}`;
}

/**
 * Placeholder styles people leave in flows for a value to fill in before deploying, other than our own `{{NAME}}`
 * (which renderFlowTemplate binds): `<X>`, `<<x>>`, `${X}`, `{X}`, `{{x.y}}`, `REPLACE_WITH_…`, `ENTER … HERE`.
 */
const CDKTF_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

const FOREIGN_PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /<<[^<>]+>>/,
  /<[^<>\s][^<>]*>/,
  /\$\{[^{}]+\}/,
  /\{\{[^{}]+\}\}/,
  /\{[^{}]+\}/,
  /\bREPLACE_WITH\w*/i,
  /\bENTER\b.*\bHERE\b/i,
];

/**
 * The placeholder a reference value (an ARN or id) still holds, or undefined when it looks bound. An empty string
 * counts as a placeholder (`""`): Connect cannot resolve it to a resource.
 */
export function foreignPlaceholderIn(value: string): string | undefined {
  if (value.trim() === '') return '""';
  // Ours are the unbound-placeholders rule's business only with requireBound.
  // A cdktf token (`${TfToken[TOKEN.1]}`) is a bound value Terraform fills in.
  const withoutOurs = value.replace(PLACEHOLDER_PATTERN, '').replace(CDKTF_TOKEN, '');
  for (const pattern of FOREIGN_PLACEHOLDER_PATTERNS) {
    const match = pattern.exec(withoutOurs);
    if (match !== null) return match[0];
  }
  return undefined;
}
