import { COMPARISON_OPERATORS, type FlowAction } from '../../model';
import type { LintRule, RuleViolation } from '../types';

const OPERATORS: ReadonlySet<string> = new Set(COMPARISON_OPERATORS);
// One JSONPath filling the whole value; Compare does not interpolate text around it.
const SINGLE_JSON_PATH = /^\$\.\S+$/;

export const compareConditions: LintRule = {
  id: 'compare-conditions',
  severity: 'error',
  description:
    'Conditions use a documented operator with exactly one operand; Compare has conditions and a JSONPath ComparisonValue',
  check: ({ flow }) => flow.Actions.flatMap((action) => [...comparisonValueViolations(action), ...conditionViolations(action)]),
};

function comparisonValueViolations(action: FlowAction): RuleViolation[] {
  if (action.Type !== 'Compare') return [];
  const violations: RuleViolation[] = [];
  const value = action.Parameters.ComparisonValue;
  if (typeof value !== 'string' || !SINGLE_JSON_PATH.test(value)) {
    violations.push({
      actionId: action.Identifier,
      message: `ComparisonValue must be one JSONPath such as "$.External.next", got ${JSON.stringify(value)}`,
    });
  }
  if ((action.Transitions.Conditions ?? []).length === 0) {
    violations.push({ actionId: action.Identifier, message: 'Compare has no Conditions' });
  }
  return violations;
}

function conditionViolations(action: FlowAction): RuleViolation[] {
  return (action.Transitions.Conditions ?? []).flatMap(({ Condition: { Operator, Operands } }, index) => {
    const where = `Conditions[${index}]`;
    const violations: RuleViolation[] = [];
    if (!OPERATORS.has(Operator)) {
      violations.push({
        actionId: action.Identifier,
        message: `${where}: operator "${Operator}" is not one of ${COMPARISON_OPERATORS.join(', ')}`,
      });
    }
    if (Operands.length !== 1) {
      violations.push({
        actionId: action.Identifier,
        message: `${where}: ${Operator} takes exactly one operand, got ${Operands.length}`,
      });
    }
    return violations;
  });
}
