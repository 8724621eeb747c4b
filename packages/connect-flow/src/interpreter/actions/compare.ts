import { z } from 'zod';
import { isPath, textOf } from '../jsonpath';
import { parseParameters } from '../parameters';
import type { ActionHandler } from '../scope';

const parametersSchema = z.object({
  ComparisonValue: z.string().refine(isPath, 'must be one JSONPath such as $.External.next'),
});

/**
 * Compare ("Check contact attributes"): branches on the value at ComparisonValue, in its string form (JSON 1 is
 * "1"). A missing or null value satisfies no condition.
 */
export const compare: ActionHandler = async (scope) => {
  const { ComparisonValue } = parseParameters(scope.action, parametersSchema);
  const value = scope.value(ComparisonValue);
  return { kind: 'branch', value: value === undefined || value === null ? undefined : textOf(value) };
};
