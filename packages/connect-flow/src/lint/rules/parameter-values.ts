import type { FlowAction } from '../../model';
import { actionTypeInfo, type EnumParameter } from '../action-catalog';
import type { LintRule, RuleViolation } from '../types';

export const parameterValues: LintRule = {
  id: 'parameter-values',
  severity: 'error',
  description: 'Static parameters with a documented set of values use one of them (in any case where Connect accepts any case)',
  check: ({ flow }) => flow.Actions.flatMap(enumViolations),
};

function enumViolations(action: FlowAction): RuleViolation[] {
  const enums = actionTypeInfo(action.Type)?.enums ?? {};
  return Object.entries(enums).flatMap(([name, parameter]) => {
    const value = valueAt(action.Parameters, name);
    // Absent is the default; a JSONPath is resolved at run time, where the interpreter judges it.
    if (value === undefined || (typeof value === 'string' && value.startsWith('$.'))) return [];
    if (typeof value === 'string' && accepts(parameter, value)) return [];
    return [
      {
        actionId: action.Identifier,
        message: `Parameters.${name} is ${JSON.stringify(value)}; Connect accepts ${parameter.values.join(', ')}${parameter.anyCase ? ' (any case)' : ''}`,
      },
    ];
  });
}

function accepts({ values, anyCase }: EnumParameter, value: string): boolean {
  return anyCase ? values.some((allowed) => allowed.toLowerCase() === value.toLowerCase()) : values.includes(value);
}

function valueAt(parameters: Readonly<Record<string, unknown>>, dottedName: string): unknown {
  let value: unknown = parameters;
  for (const key of dottedName.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
