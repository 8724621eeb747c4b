import { parseNumber } from '../conditions';
import { ActionFailure } from '../failures';
import type { ActionScope } from '../scope';

/**
 * A "J" numeric parameter (a static number, or a JSONPath resolved now) that must be a whole number from 0 to
 * `max`. A value Connect would refuse at run time is an action failure (NoMatchingError).
 */
export function wholeNumberParameter(scope: ActionScope, name: string, raw: string | number, max: number): number {
  const text = scope.text(String(raw));
  const value = parseNumber(text);
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ActionFailure('NoMatchingError', `${name} '${text}' is not a whole number from 0 to ${max}`);
  }
  return value;
}
