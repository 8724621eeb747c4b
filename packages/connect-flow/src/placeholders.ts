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
