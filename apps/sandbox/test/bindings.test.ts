import { NO_LAMBDA_HANDLER } from '@genagent-connect/connect-flow';
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

  it('answer from the scenario by block or function first, then the bound handler, else NO_LAMBDA_HANDLER', async () => {
    const handlers = { 'pull-action': async () => ({ next: 'none' }) } as unknown as Parameters<LambdaBindings['invoker']>[0];
    const invoke = new LambdaBindings([{ function: 'ga-pull', handler: 'pull-action' }]).invoker(handlers, {
      LookUp: { found: 'yes' },
      other: { name: 'other' },
    });
    const call = (arn: string, identifier: string) => invoke(arn, {} as never, { timeLimitMs: 1000, identifier });
    await expect(call(QUALIFIED, 'Poll')).resolves.toEqual({ next: 'none' });
    await expect(call(QUALIFIED, 'LookUp')).resolves.toEqual({ found: 'yes' });
    await expect(call('arn:aws:lambda:eu-west-1:123456789012:function:other', 'X')).resolves.toEqual({ name: 'other' });
    await expect(call('arn:aws:lambda:eu-west-1:123456789012:function:unknown', 'X')).resolves.toBe(NO_LAMBDA_HANDLER);
  });
});
