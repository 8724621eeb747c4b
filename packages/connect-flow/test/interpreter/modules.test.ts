import { act, actionsRun, eventsOfType, flowOf, hangUp, moduleOf, routeTo, run } from './flows';

const MODULE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/i-1/flow-module/ga-module';

const invokeModule = (FlowModuleId = MODULE_ARN) =>
  act('invoke', 'InvokeFlowModule', { FlowModuleId }, { NextAction: 'success', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'error' }] });

/** Caller: sets a flow attribute, invokes the module, then records what it sees. */
const caller = (FlowModuleId?: string) =>
  flowOf(
    act('mine', 'UpdateFlowAttributes', { FlowAttributes: { owner: { Value: 'caller' } } }, { NextAction: 'invoke' }),
    invokeModule(FlowModuleId),
    act('success', 'UpdateContactAttributes', { Attributes: { route: 'success', ownerAfter: '$.FlowAttributes.owner', external: '[$.External.secret]' } }, { NextAction: 'hangUp' }),
    hangUp(),
    ...routeTo('error'),
  );

const lambda = (Identifier: string, NextAction: string, withErrorBranch: boolean) =>
  act(Identifier, 'InvokeLambdaFunction', { LambdaFunctionARN: 'fn', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' } }, {
    NextAction,
    ...(withErrorBranch ? { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'return' }] } : {}),
  });

/** Module: records what it sees of the caller, sets its own flow attribute and a contact attribute, then returns. */
const sharingModule = moduleOf(
  act('look', 'UpdateContactAttributes', { Attributes: { ownerSeenByModule: '[$.FlowAttributes.owner]', ASAPP_Disposition: 'disengage' } }, { NextAction: 'mine' }),
  act('mine', 'UpdateFlowAttributes', { FlowAttributes: { owner: { Value: 'module' } } }, { NextAction: 'call' }),
  lambda('call', 'return', true),
  act('return', 'EndFlowModuleExecution'),
);

describe('InvokeFlowModule and EndFlowModuleExecution', () => {
  it('returns to the caller’s NextAction; contact attributes are shared, flow attributes and $.External are not', async () => {
    const result = await run(caller(), { modules: { [MODULE_ARN]: sharingModule }, invokeLambda: async () => ({ secret: 's3cr3t' }) });
    expect(result.attributes).toEqual({
      ownerSeenByModule: '[]',
      ASAPP_Disposition: 'disengage',
      route: 'success',
      ownerAfter: 'caller',
      external: '[]',
    });
    expect(eventsOfType(result, 'moduleEnter')).toEqual([{ type: 'moduleEnter', identifier: 'invoke', moduleId: MODULE_ARN, at: 0 }]);
    expect(eventsOfType(result, 'moduleReturn')).toEqual([
      { type: 'moduleReturn', identifier: 'invoke', moduleId: MODULE_ARN, outcome: 'success', at: 0 },
    ]);
    expect(actionsRun(result)).toEqual(['mine', 'invoke', 'look', 'mine', 'call', 'return', 'success', 'hangUp']);
  });

  it('follows the caller’s error branch when the module fails without handling it', async () => {
    const failing = moduleOf(lambda('call', 'return', false), act('return', 'EndFlowModuleExecution'));
    const result = await run(caller(), {
      modules: { [MODULE_ARN]: failing },
      invokeLambda: async () => {
        throw new Error('boom');
      },
    });
    expect(result.attributes.route).toBe('error');
    const [moduleReturn] = eventsOfType(result, 'moduleReturn');
    expect(moduleReturn).toMatchObject({ outcome: 'error', error: expect.stringContaining("action 'call' (InvokeLambdaFunction) failed with NoMatchingError") });
    expect(eventsOfType(result, 'error').map((event) => [event.identifier, event.handled])).toEqual([
      ['call', false],
      ['invoke', true],
    ]);
  });

  it('treats a module that stops without Return as failed', async () => {
    const noReturn = moduleOf(act('set', 'UpdateContactAttributes', { Attributes: { x: '1' } }));
    const result = await run(caller(), { modules: { [MODULE_ARN]: noReturn } });
    expect(result.attributes.route).toBe('error');
    expect(eventsOfType(result, 'moduleReturn')[0]?.error).toMatch(/stopped at action 'set'.*without a Return/);
  });

  it('finds a module by its id when the flow names its ARN, and by ARN when the flow names its id', async () => {
    const options = { invokeLambda: async () => ({}) };
    expect((await run(caller(MODULE_ARN), { ...options, modules: { 'ga-module': sharingModule } })).attributes.route).toBe('success');
    expect((await run(caller('ga-module'), { ...options, modules: { [MODULE_ARN]: sharingModule } })).attributes.route).toBe('success');
  });

  it('skips a module it was not given with a warning naming it and the modules it has', async () => {
    const result = await run(caller(), { modules: { other: sharingModule } });
    expect(result.endReason).not.toBe('error');
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'warning', message: `module '${MODULE_ARN}' was not given to the interpreter (given: other): skipped, as if it returned` }),
    );
  });

  it('ends the whole call when the module hangs up', async () => {
    const hangsUp = moduleOf(hangUp('bye'));
    const result = await run(caller(), { modules: { [MODULE_ARN]: hangsUp } });
    expect(result.endReason).toBe('disconnected');
    expect(eventsOfType(result, 'moduleReturn')).toEqual([]);
    expect(actionsRun(result)).toEqual(['mine', 'invoke', 'bye']);
  });

  it('refuses a module that invokes a module', async () => {
    const nested = moduleOf(invokeModule('other'), act('success', 'EndFlowModuleExecution'), act('error', 'EndFlowModuleExecution'));
    const result = await run(caller(), { modules: { [MODULE_ARN]: nested, other: sharingModule } });
    expect(result.endReason).toBe('error');
    expect(result.error).toMatch(/a flow module cannot invoke another module/);
  });

  it('runs a module on its own until Return', async () => {
    const result = await run(sharingModule, { invokeLambda: async () => ({}) });
    expect(result.endReason).toBe('moduleReturned');
    expect(result.attributes.ASAPP_Disposition).toBe('disengage');
  });
});
