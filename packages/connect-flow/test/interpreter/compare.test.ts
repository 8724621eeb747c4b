import { act, actionsRun, flowOf, routeTo, run } from './flows';

const condition = (Operator: string, operand: string, NextAction: string) => ({ NextAction, Condition: { Operator, Operands: [operand] } });

function compareFlow(ComparisonValue: string, conditions: ReturnType<typeof condition>[], noMatchingCondition = true) {
  return flowOf(
    act('check', 'Compare', { ComparisonValue }, {
      NextAction: 'fallthrough',
      Conditions: conditions,
      ...(noMatchingCondition ? { Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'noMatch' }] } : {}),
    }),
    ...routeTo('first'),
    ...routeTo('second'),
    ...routeTo('noMatch'),
    ...routeTo('fallthrough'),
  );
}

const withAttributes = (attributes: Record<string, string>) => ({ contact: { attributes } });

describe('Compare', () => {
  it('follows the first condition that holds, in order', async () => {
    const flow = compareFlow('$.Attributes.next', [condition('TextStartsWith', 'transfer', 'first'), condition('Equals', 'transferToAgent', 'second')]);
    expect((await run(flow, withAttributes({ next: 'transferToAgent' }))).attributes.route).toBe('first');
  });

  it('takes NoMatchingCondition when no condition holds', async () => {
    const flow = compareFlow('$.Attributes.next', [condition('Equals', 'speak', 'first')]);
    expect((await run(flow, withAttributes({ next: 'none' }))).attributes.route).toBe('noMatch');
  });

  it('falls back to NextAction without a NoMatchingCondition branch', async () => {
    const flow = compareFlow('$.Attributes.next', [condition('Equals', 'speak', 'first')], false);
    expect((await run(flow, withAttributes({ next: 'none' }))).attributes.route).toBe('fallthrough');
  });

  it('compares a JSON number by its string form', async () => {
    const flow = flowOf(
      act('pull', 'InvokeLambdaFunction', { LambdaFunctionARN: 'pull', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' } }, { NextAction: 'check' }),
      ...compareFlow('$.External.playBeepBop', [condition('Equals', '1', 'first')]).Actions,
    );
    expect((await run(flow, { invokeLambda: async () => ({ playBeepBop: 1 }) })).attributes.route).toBe('first');
    expect((await run(flow, { invokeLambda: async () => ({ playBeepBop: 0 }) })).attributes.route).toBe('noMatch');
  });

  it('lets a missing value match nothing, not even Equals ""', async () => {
    const flow = compareFlow('$.Attributes.absent', [condition('Equals', '', 'first'), condition('NumberLessThan', '1', 'second')]);
    expect((await run(flow)).attributes.route).toBe('noMatch');
  });

  it('reads bracketed attribute names', async () => {
    const flow = compareFlow("$.Attributes.['caller type']", [condition('Equals', 'vip', 'first')]);
    expect((await run(flow, withAttributes({ 'caller type': 'vip' }))).attributes.route).toBe('first');
  });

  it('branches on media streaming state (the module test for an existing stream)', async () => {
    const flow = compareFlow('$.MediaStreams.Customer.Audio.StreamARN', [condition('TextContains', 'arn:aws', 'first')]);
    expect((await run(flow, { contact: { mediaStreaming: true } })).attributes.route).toBe('first');
    expect((await run(flow)).attributes.route).toBe('noMatch');
  });

  it('stops the run on an operator Connect does not have', async () => {
    const result = await run(compareFlow('$.Attributes.x', [condition('NotEquals', 'a', 'first')]), withAttributes({ x: 'b' }));
    expect(result.endReason).toBe('error');
    expect(result.error).toMatch(/action 'check' \(Compare\) has a condition Connect does not accept: NotEquals/);
    expect(actionsRun(result)).toEqual(['check']);
  });

  it('stops the run when ComparisonValue is not a JSONPath', async () => {
    const result = await run(compareFlow('next is $.Attributes.x', [condition('Equals', 'a', 'first')]));
    expect(result.error).toMatch(/Parameters\.ComparisonValue: must be one JSONPath/);
  });
});
