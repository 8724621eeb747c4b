import type { FlowAction } from '../../model';
import { findPlaceholders, foreignPlaceholderIn, formatPlaceholder } from '../../placeholders';
import type { LintRule, RuleViolation } from '../types';

// Parameters naming a resource: Lambda ARNs, queue, agent, flow, module, prompt, hours, bot and view ids, media URIs.
const REFERENCE_KEY = /(?:Id|ARN|Arn|Uri)$/;
// Event hooks name flows by their hook, e.g. {"AgentWhisper": "arn:…/contact-flow/…"}.
const REFERENCE_CONTAINERS = new Set(['EventHooks']);

export const unboundPlaceholders: LintRule = {
  id: 'unbound-placeholders',
  severity: 'error',
  description:
    `No placeholder left in a Lambda ARN or a queue, flow, module or prompt id ("", <X>, <<x>>, \${X}, {X}, {{x.y}}, REPLACE_WITH_…, ENTER … HERE): ` +
    'an error with requireBound, a warning otherwise; our own {{NAME}} placeholders only with requireBound',
  check: ({ flow, options }) => {
    const requireBound = options.requireBound === true;
    const severity = requireBound ? 'error' : 'warning';
    const { Actions, ...document } = flow;
    const ours: RuleViolation[] = requireBound
      ? [
          ...findPlaceholders(document).map((name) => ({
            message: `placeholder ${formatPlaceholder(name)} is unbound outside the actions`,
          })),
          ...Actions.flatMap((action) =>
            findPlaceholders(action).map((name) => ({
              actionId: action.Identifier,
              message: `placeholder ${formatPlaceholder(name)} is unbound`,
            })),
          ),
        ]
      : [];
    const foreign = Actions.flatMap((action) =>
      referenceValues(action).flatMap(({ path, value }) => {
        const placeholder = foreignPlaceholderIn(value);
        if (placeholder === undefined) return [];
        return [
          {
            actionId: action.Identifier,
            severity,
            message: `Parameters.${path} holds the unbound placeholder ${placeholder}: replace it with the resource's ARN or id before deploying`,
          } as const,
        ];
      }),
    );
    return [...ours, ...foreign];
  },
};

function referenceValues(action: FlowAction): { path: string; value: string }[] {
  const found: { path: string; value: string }[] = [];
  const visit = (value: unknown, path: string, key: string, isReference: boolean): void => {
    if (typeof value === 'string') {
      if (isReference || REFERENCE_KEY.test(key)) found.push({ path, value });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${path}[${index}]`, key, isReference);
    } else if (typeof value === 'object' && value !== null) {
      for (const [child, inner] of Object.entries(value)) {
        visit(inner, path === '' ? child : `${path}.${child}`, child, REFERENCE_CONTAINERS.has(key));
      }
    }
  };
  visit(action.Parameters, '', '', false);
  return found;
}
