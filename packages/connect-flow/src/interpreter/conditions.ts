import type { ComparisonOperator } from '../model';

// Decimal numbers with an optional exponent: hex, "Infinity" and the empty string are text, not numbers.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether `value` satisfies `operator operand`. Text operators are case-sensitive; numeric operators are false when
 * either side is not a number. A missing value (undefined) fails every condition, as in Connect.
 */
export function conditionHolds(operator: ComparisonOperator, operand: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
    case 'NumberGreaterThan':
      return compareNumbers(value, operand, (left, right) => left > right);
    case 'NumberGreaterOrEqualTo':
      return compareNumbers(value, operand, (left, right) => left >= right);
    case 'NumberLessThan':
      return compareNumbers(value, operand, (left, right) => left < right);
    case 'NumberLessOrEqualTo':
      return compareNumbers(value, operand, (left, right) => left <= right);
  }
}

/** Parses `text` as a flow-language number, or undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

function compareNumbers(value: string, operand: string, holds: (left: number, right: number) => boolean): boolean {
  const left = parseNumber(value);
  const right = parseNumber(operand);
  return left !== undefined && right !== undefined && holds(left, right);
}
