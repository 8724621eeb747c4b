import type * as z from 'zod';

/** Renders a zod issue path the way a person would write it: `Details.Parameters.guid`, `SSML_CONVERSIONS[0].searchFor`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let rendered = '';
  for (const segment of path) {
    if (typeof segment === 'number') rendered += `[${segment}]`;
    else rendered += rendered === '' ? String(segment) : `.${String(segment)}`;
  }
  return rendered;
}

/** The first issue of a failed parse as `<path>: <message>`, which is what a caller needs to fix its input. */
export function describeFirstIssue(error: z.ZodError, root: string): string {
  const issue = error.issues[0];
  if (!issue) return `${root}: invalid`;
  const path = formatIssuePath(issue.path);
  return `${path === '' ? root : path}: ${issue.message}`;
}
