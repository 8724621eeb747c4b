import { act, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const setAttributes = (Parameters: Record<string, unknown>) =>
  flowOf(
    act('set', 'UpdateContactAttributes', Parameters, { NextAction: 'hangUp', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] }),
    hangUp(),
    ...routeTo('failed'),
  );

describe('UpdateContactAttributes', () => {
  it('sets interpolated attributes and reports the changes', async () => {
    const result = await run(setAttributes({ Attributes: { ASAPP_ErrorMessage: 'Unknown next action $.Attributes.next', caller: '$.CustomerEndpoint.Address' } }), {
      contact: { customerNumber: '+15550001111', attributes: { next: 'dance' } },
    });
    const changes = { ASAPP_ErrorMessage: 'Unknown next action dance', caller: '+15550001111' };
    expect(result.attributes).toEqual({ next: 'dance', ...changes });
    expect(eventsOfType(result, 'attributes')).toEqual([{ type: 'attributes', identifier: 'set', changes, at: 0 }]);
  });

  it('reads every value before writing any (all or nothing)', async () => {
    const result = await run(setAttributes({ Attributes: { a: '$.Attributes.b', b: 'new' } }), { contact: { attributes: { b: 'old' } } });
    expect(result.attributes).toEqual({ a: 'old', b: 'new' });
  });

  it('fails, changing nothing, on a key Connect rejects', async () => {
    const result = await run(setAttributes({ Attributes: { fine: 'x', 'not fine': 'y' } }));
    expect(result.attributes).toEqual({ route: 'failed' });
    expect(eventsOfType(result, 'error')[0]?.message).toMatch(/attribute key 'not fine'/);
  });

  it('fails when the attributes would exceed 32 KB', async () => {
    const result = await run(setAttributes({ Attributes: { big: 'x'.repeat(20_000) } }), { contact: { attributes: { old: 'y'.repeat(13_000) } } });
    expect(result.attributes.route).toBe('failed');
    expect(result.attributes.big).toBeUndefined();
  });

  it('fails for TargetContact Related, as there is no related contact', async () => {
    const result = await run(setAttributes({ Attributes: { a: 'b' }, TargetContact: 'Related' }));
    expect(result.attributes).toEqual({ route: 'failed' });
  });
});

describe('UpdateFlowAttributes', () => {
  it('sets $.FlowAttributes, which flow conditions see and contact attributes do not hold', async () => {
    const flow = flowOf(
      act('setFlow', 'UpdateFlowAttributes', { FlowAttributes: { genagentProcessing: { Value: '$.Attributes.start' } } }, { NextAction: 'check' }),
      act('check', 'Compare', { ComparisonValue: '$.FlowAttributes.genagentProcessing' }, {
        NextAction: 'idle',
        Conditions: [{ NextAction: 'processing', Condition: { Operator: 'Equals', Operands: ['1'] } }],
      }),
      ...routeTo('processing'),
      ...routeTo('idle'),
    );
    const result = await run(flow, { contact: { attributes: { start: '1' } } });
    expect(result.attributes).toEqual({ start: '1', route: 'processing' });
    expect(eventsOfType(result, 'flowAttributes')).toEqual([
      { type: 'flowAttributes', identifier: 'setFlow', changes: { genagentProcessing: '1' }, at: 0 },
    ]);
  });

  it('stops the run when a value is not in the {Value} form', async () => {
    const result = await run(flowOf(act('setFlow', 'UpdateFlowAttributes', { FlowAttributes: { x: '1' } }, { NextAction: 'hangUp' }), hangUp()));
    expect(result.endReason).toBe('error');
    expect(result.error).toMatch(/Parameters\.FlowAttributes\.x/);
  });
});
