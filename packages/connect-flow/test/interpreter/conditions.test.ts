import { conditionHolds, parseNumber } from '../../src/interpreter/conditions';

describe('conditionHolds', () => {
  it.each([
    ['Equals', 'speak', 'speak', true],
    ['Equals', 'speak', 'Speak', false],
    ['Equals', '1', '1.0', false],
    ['TextStartsWith', 'arn:aws', 'arn:aws:kinesisvideo:…', true],
    ['TextStartsWith', 'arn:aws', 'xarn:aws', false],
    ['TextEndsWith', 'Agent', 'transferToAgent', true],
    ['TextEndsWith', 'agent', 'transferToAgent', false],
    ['TextContains', 'arn:aws', 'stream arn:aws:x', true],
    ['TextContains', 'ARN', 'arn:aws', false],
    ['NumberGreaterThan', '9', '10', true],
    ['NumberGreaterThan', '10', '10', false],
    ['NumberGreaterOrEqualTo', '10', '10.0', true],
    ['NumberGreaterOrEqualTo', '10', '9.99', false],
    ['NumberLessThan', '0', '-0.5', true],
    ['NumberLessThan', '1e3', '999', true],
    ['NumberLessOrEqualTo', '.5', '0.5', true],
    ['NumberLessOrEqualTo', '5', '6', false],
  ] as const)('%s %s on %p → %p', (operator, operand, value, expected) => {
    expect(conditionHolds(operator, operand, value)).toBe(expected);
  });

  it('compares numbers numerically, not as text', () => {
    expect(conditionHolds('NumberGreaterThan', '9', '10')).toBe(true);
    expect(conditionHolds('NumberLessThan', '9', '10')).toBe(false);
  });

  it.each(['', ' ', 'abc', '0x10', 'Infinity', 'NaN', '1,000', '1.2.3'])('numeric operators are false for non-number %p', (text) => {
    for (const operator of ['NumberGreaterThan', 'NumberGreaterOrEqualTo', 'NumberLessThan', 'NumberLessOrEqualTo'] as const) {
      expect(conditionHolds(operator, '0', text)).toBe(false);
      expect(conditionHolds(operator, text, '0')).toBe(false);
    }
  });

  it('a missing value satisfies no operator, not even Equals ""', () => {
    expect(conditionHolds('Equals', '', undefined)).toBe(false);
    expect(conditionHolds('TextContains', '', undefined)).toBe(false);
    expect(conditionHolds('NumberLessThan', '1', undefined)).toBe(false);
  });
});

describe('parseNumber', () => {
  it.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['+7', 7],
    [' 8 ', 8],
    ['2E2', 200],
    ['1.', 1],
  ])('%p → %p', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});
