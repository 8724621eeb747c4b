import type { z } from 'zod';

/** `valkey.replicas`, `network.existing.privateSubnets[1].id`; `(file)` for the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  const joined = path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
  return joined === '' ? '(file)' : joined;
}

/** One line per issue: `<field path>: <what is expected>`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `${formatPath([...issue.path, key])}: unknown field; check its spelling (see environments/environment.schema.json)`,
      );
    }
    if (issue.code === 'invalid_key') {
      return [`${formatPath(issue.path)}: invalid name; ${issue.issues.map((inner) => inner.message).join('; ')}`];
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return [`${formatPath(issue.path)}: required field is missing; ${describeExpectation(issue.message)}`];
    }
    return [`${formatPath(issue.path)}: ${issue.message}`];
  });
}

/** zod's default wording ("Invalid input: expected string, received undefined") trimmed to what is expected. */
function describeExpectation(message: string): string {
  const expected = /expected [^,]+/.exec(message)?.[0];
  return message.startsWith('Invalid input') && expected ? expected : message;
}
