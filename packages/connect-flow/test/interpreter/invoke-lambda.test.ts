import { type ContactFlowEvent, scaledClock, virtualClock } from '../../src/interpreter';
import { act, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const ARN = 'arn:aws:lambda:us-east-1:111122223333:function:pull-action:prod';

function lambdaAction(Parameters: Record<string, unknown> = {}, next = 'ok') {
  return act(
    'Invoke',
    'InvokeLambdaFunction',
    { LambdaFunctionARN: ARN, InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' }, ...Parameters },
    { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
  );
}

const lambdaThenRoute = (Parameters: Record<string, unknown> = {}) => flowOf(lambdaAction(Parameters), ...routeTo('ok'), ...routeTo('failed'));

describe('InvokeLambdaFunction', () => {
  it("sends Connect's event: contact data, interpolated parameters, Name", async () => {
    const calls: { arn: string; event: ContactFlowEvent; timeLimitMs: number }[] = [];
    const result = await run(
      lambdaThenRoute({ LambdaInvocationAttributes: { companyMarker: '$.Attributes.ASAPP_CompanyMarker', guid: '$.ContactId' } }),
      {
        contact: { contactId: 'contact-1', customerNumber: '+15550001111', attributes: { ASAPP_CompanyMarker: 'acme' } },
        invokeLambda: async (arn, event, { timeLimitMs }) => {
          calls.push({ arn, event, timeLimitMs });
          return {};
        },
      },
    );
    expect(result.attributes.route).toBe('ok');
    expect(calls).toHaveLength(1);
    const [{ arn, event, timeLimitMs }] = calls as [(typeof calls)[number]];
    expect(arn).toBe(ARN);
    expect(timeLimitMs).toBe(3000);
    expect(event.Name).toBe('ContactFlowEvent');
    expect(event.Details.Parameters).toEqual({ companyMarker: 'acme', guid: 'contact-1' });
    expect(event.Details.ContactData).toMatchObject({
      ContactId: 'contact-1',
      InitialContactId: 'contact-1',
      Channel: 'VOICE',
      InitiationMethod: 'INBOUND',
      CustomerEndpoint: { Address: '+15550001111', Type: 'TELEPHONE_NUMBER' },
      SystemEndpoint: { Address: '+15555550199', Type: 'TELEPHONE_NUMBER' },
      Attributes: { ASAPP_CompanyMarker: 'acme' },
      MediaStreams: { Customer: { Audio: null } },
      Queue: null,
    });
    expect(event.Details.ContactData.InstanceARN).toMatch(/^arn:aws:connect:/);
  });

  it('makes a JSON response $.External, nested paths included, and reports it', async () => {
    const flow = flowOf(
      lambdaAction({}, 'copy'),
      act('copy', 'UpdateContactAttributes', { Attributes: { next: '$.External.next', foo: '$.External.outputVariables.Foo' } }, { NextAction: 'hangUp' }),
      hangUp(),
      ...routeTo('failed'),
    );
    const response = { next: 'transferToSystem', outputVariables: { Foo: 'bar' } };
    const result = await run(flow, { invokeLambda: async () => response });
    expect(result.attributes).toEqual({ next: 'transferToSystem', foo: 'bar' });
    expect(eventsOfType(result, 'lambda')).toEqual([
      { type: 'lambda', identifier: 'Invoke', arn: ARN, parameters: {}, durationMs: 0, response, at: 0 },
    ]);
  });

  it('keeps only the latest result in $.External', async () => {
    const flow = flowOf(
      act('first', 'InvokeLambdaFunction', { LambdaFunctionARN: 'first', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' } }, { NextAction: 'second' }),
      act('second', 'InvokeLambdaFunction', { LambdaFunctionARN: 'second', InvocationTimeLimitSeconds: '3', ResponseValidation: { ResponseType: 'JSON' } }, { NextAction: 'copy' }),
      act('copy', 'UpdateContactAttributes', { Attributes: { a: '[$.External.a]', b: '[$.External.b]' } }, { NextAction: 'hangUp' }),
      hangUp(),
    );
    const result = await run(flow, { invokeLambda: async (arn) => (arn === 'first' ? { a: '1' } : { b: '2' }) });
    expect(result.attributes).toEqual({ a: '[]', b: '[2]' });
  });

  it('takes the error branch when a STRING_MAP response is nested', async () => {
    const result = await run(lambdaThenRoute({ ResponseValidation: { ResponseType: 'STRING_MAP' } }), {
      invokeLambda: async () => ({ result: 'ok', outputContext: { transferType: 'AGENT' } }),
    });
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'lambda')[0]?.error).toMatch(/invalid response: STRING_MAP response value 'outputContext'/);
  });

  it('validates as STRING_MAP when the flow has no ResponseValidation', async () => {
    const legacy = act(
      'Invoke',
      'InvokeLambdaFunction',
      { LambdaFunctionARN: ARN, InvocationTimeLimitSeconds: '3' },
      { NextAction: 'ok', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] },
    );
    const flow = flowOf(legacy, ...routeTo('ok'), ...routeTo('failed'));
    expect((await run(flow, { invokeLambda: async () => ({ result: 'ok' }) })).attributes.route).toBe('ok');
    expect((await run(flow, { invokeLambda: async () => ({ playBeepBop: 1 }) })).attributes.route).toBe('failed');
  });

  it('takes the error branch when the function throws', async () => {
    const result = await run(lambdaThenRoute(), {
      invokeLambda: async () => {
        throw new Error('Valkey unreachable');
      },
    });
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'lambda')[0]?.error).toBe('the function failed: Valkey unreachable');
    expect(eventsOfType(result, 'error')[0]).toMatchObject({ identifier: 'Invoke', errorType: 'NoMatchingError', handled: true });
  });

  it('treats a response after InvocationTimeLimitSeconds as a failure', async () => {
    const clock = virtualClock();
    const result = await run(lambdaThenRoute(), {
      clock,
      invokeLambda: async () => {
        await clock.sleep(3500);
        return { next: 'too late' };
      },
    });
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'lambda')).toEqual([
      expect.objectContaining({ durationMs: 3000, error: 'no response within the 3 s time limit' }),
    ]);
    expect(result.durationMs).toBe(3000);
  });

  it('accepts a response just inside the limit, and charges its call time', async () => {
    const clock = virtualClock();
    const result = await run(lambdaThenRoute(), {
      clock,
      invokeLambda: async () => {
        await clock.sleep(2900);
        return {};
      },
    });
    expect(result.attributes.route).toBe('ok');
    expect(eventsOfType(result, 'lambda')[0]?.durationMs).toBe(2900);
  });

  it('gives up on a function that never answers, in real time too', async () => {
    const startedAt = Date.now();
    const result = await run(lambdaThenRoute({ InvocationTimeLimitSeconds: '8' }), {
      clock: scaledClock(100),
      invokeLambda: () => new Promise(() => undefined),
    });
    expect(result.attributes.route).toBe('failed');
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('ignores a late rejection from an abandoned invocation', async () => {
    const clock = virtualClock();
    const result = await run(lambdaThenRoute({ InvocationTimeLimitSeconds: '1' }), {
      clock,
      invokeLambda: async () => {
        await clock.sleep(2000);
        throw new Error('late failure');
      },
    });
    await clock.sleep(5000);
    expect(result.attributes.route).toBe('failed');
    expect(eventsOfType(result, 'lambda')[0]?.error).toBe('no response within the 1 s time limit');
  });

  it.each([
    ['a time limit above 8 s', { InvocationTimeLimitSeconds: '9' }, /Parameters\.InvocationTimeLimitSeconds/],
    ['an unknown response type', { ResponseValidation: { ResponseType: 'XML' } }, /Parameters\.ResponseValidation\.ResponseType/],
  ])('stops the run on %s', async (_case, Parameters, message) => {
    const result = await run(lambdaThenRoute(Parameters), { invokeLambda: async () => ({}) });
    expect(result.endReason).toBe('error');
    expect(result.error).toMatch(message);
    expect(result.error).toContain("action 'Invoke' (InvokeLambdaFunction)");
  });

  it('answers {} with a warning when no invokeLambda option is given, so the flow goes on', async () => {
    const result = await run(lambdaThenRoute());
    expect(result.endReason).not.toBe('error');
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'warning', message: expect.stringMatching(/^no Lambda handler for .*: answering \{\}/) }));
    expect(result.events).toContainEqual(expect.objectContaining({ type: 'lambda', response: {} }));
  });

  it('does not wait for an asynchronous invocation', async () => {
    let invoked = 0;
    const result = await run(lambdaThenRoute({ InvocationType: 'ASYNCHRONOUS', InvocationTimeLimitSeconds: '30' }), {
      invokeLambda: () => {
        invoked += 1;
        return new Promise(() => undefined);
      },
    });
    expect(invoked).toBe(1);
    expect(result.endReason).not.toBe('error');
  });

  it('names the empty attribute when a dynamic ARN resolves to nothing', async () => {
    const result = await run(lambdaThenRoute({ LambdaFunctionARN: '$.Attributes.lambdaArn' }), { invokeLambda: async () => ({}) });
    expect(result.events).toContainEqual(
      expect.objectContaining({
        type: 'error',
        identifier: 'Invoke',
        message: "LambdaFunctionARN '$.Attributes.lambdaArn' resolved to an empty value: $.Attributes.lambdaArn is empty or unset",
      }),
    );
  });
});
