import { checkFlowShape, type Flow } from '../../model';
import type { LintFinding } from '../types';

export const VALID_SHAPE_RULE = {
  id: 'valid-shape',
  severity: 'error',
  description: 'The document matches the flow-language schema (Version, StartAction, Actions, Transitions, Settings)',
} as const;

/**
 * The gate before every other rule, which all need a typed flow: either the flow, or findings naming each
 * schema violation by path (and by action, when the path leads into one).
 */
export function checkShape(json: string | unknown): { flow: Flow } | { findings: LintFinding[] } {
  const result = checkFlowShape(json);
  if (result.ok) return { flow: result.flow };
  const { id: rule, severity } = VALID_SHAPE_RULE;
  return {
    findings: result.issues.map(({ path, message, actionId }) => ({
      rule,
      severity,
      message: `${path}: ${message}`,
      ...(actionId === undefined ? {} : { actionId }),
    })),
  };
}
