import { parseFlow } from '@genagent-connect/connect-flow';
import { BindingError, LambdaBindings, parseLambdaBinding } from '../src';

const QUALIFIED = 'arn:aws:lambda:eu-west-1:123456789012:function:ga-pull:prod';

describe('Lambda bindings', () => {
  it('parse NAME_OR_ARN=handler, splitting at the last "="', () => {
    expect(parseLambdaBinding(`${QUALIFIED}=pull-action`)).toEqual({ function: QUALIFIED, handler: 'pull-action' });
  });

  it.each([
    ['engage', 'expected NAME_OR_ARN=HANDLER'],
    ['=engage', 'expected NAME_OR_ARN=HANDLER'],
    ['fn=pullaction', 'unknown handler "pullaction"'],
  ])('reject %s', (text, message) => {
    expect(() => parseLambdaBinding(text)).toThrow(BindingError);
    expect(() => parseLambdaBinding(text)).toThrow(message);
  });

  it('match a qualified ARN by itself, without its qualifier, or by function name; later bindings win', () => {
    expect(new LambdaBindings([{ function: QUALIFIED, handler: 'pull-action' }]).handlerFor(QUALIFIED)).toBe('pull-action');
    expect(
      new LambdaBindings([{ function: 'arn:aws:lambda:eu-west-1:123456789012:function:ga-pull', handler: 'engage' }]).handlerFor(QUALIFIED),
    ).toBe('engage');
    const byName = new LambdaBindings([
      { function: 'ga-pull', handler: 'engage' },
      { function: 'ga-pull', handler: 'pull-action' },
    ]);
    expect(byName.handlerFor(QUALIFIED)).toBe('pull-action');
    expect(byName.handlerFor('arn:aws:lambda:eu-west-1:123456789012:function:other')).toBeUndefined();
  });

  it('check a flow before the call, ignoring ARNs only known at run time', () => {
    const flow = parseFlow({
      Version: '2019-10-30',
      StartAction: 'A',
      Actions: [
        { Identifier: 'A', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: QUALIFIED }, Transitions: { NextAction: 'B' } },
        { Identifier: 'B', Type: 'InvokeLambdaFunction', Parameters: { LambdaFunctionARN: '$.Attributes.fn' }, Transitions: {} },
      ],
    });
    expect(() => new LambdaBindings([{ function: 'ga-pull', handler: 'pull-action' }]).assertCovers([flow])).not.toThrow();
    expect(() => new LambdaBindings([]).assertCovers([flow])).toThrow(`calls Lambda functions no handler is bound to:\n  ${QUALIFIED}\n`);
  });
});
