import { act, eventsOfType, flowOf, hangUp, routeTo, run } from './flows';

const equals = (operand: string, NextAction: string) => ({ NextAction, Condition: { Operator: 'Equals', Operands: [operand] } });

describe('Wait', () => {
  it('waits TimeoutSeconds of call time, then branches WaitCompleted', async () => {
    const flow = flowOf(
      act('wait', 'Wait', { TimeoutSeconds: '$.Attributes.seconds', Events: [] }, { Conditions: [equals('WaitCompleted', 'hangUp')], Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }] }),
      hangUp(),
      ...routeTo('failed'),
    );
    const result = await run(flow, { contact: { attributes: { seconds: '5' } } });
    expect(eventsOfType(result, 'disconnect')[0]?.at).toBe(5000);
    const invalid = await run(flow, { contact: { attributes: { seconds: 'soon' } } });
    expect(invalid.attributes.route).toBe('failed');
  });
});

describe('Loop', () => {
  it('continues LoopCount times, then is done, then starts over', async () => {
    const flow = flowOf(
      act('loop', 'Loop', { LoopCount: '3' }, { Conditions: [equals('ContinueLooping', 'count'), equals('DoneLooping', 'second')] }),
      act('count', 'UpdateContactAttributes', { Attributes: { trace: '$.Attributes.trace+' } }, { NextAction: 'loop' }),
      act('second', 'Compare', { ComparisonValue: '$.Attributes.round' }, { Conditions: [equals('2', 'hangUp')], NextAction: 'again' }),
      act('again', 'UpdateContactAttributes', { Attributes: { round: '2', trace: '$.Attributes.trace|' } }, { NextAction: 'loop' }),
      hangUp(),
    );
    const result = await run(flow, { contact: { attributes: { trace: '' } } });
    expect(result.attributes.trace).toBe('+++|+++');
  });

  it('with LoopCount 0 is done at once', async () => {
    const flow = flowOf(act('loop', 'Loop', { LoopCount: 0 }, { Conditions: [equals('ContinueLooping', 'looped'), equals('DoneLooping', 'done')] }), ...routeTo('looped'), ...routeTo('done'));
    expect((await run(flow)).attributes.route).toBe('done');
  });
});

describe('CheckHoursOfOperation', () => {
  const hoursFlow = flowOf(
    act('hours', 'CheckHoursOfOperation', { HoursOfOperationId: 'hours-$.Attributes.site' }, { Conditions: [equals('True', 'open'), equals('False', 'closed')] }),
    ...routeTo('open'),
    ...routeTo('closed'),
  );

  it('is open by default', async () => {
    expect((await run(hoursFlow)).attributes.route).toBe('open');
  });

  it('asks options.isWithinHours, with the interpolated hours id', async () => {
    const asked: (string | undefined)[] = [];
    const result = await run(hoursFlow, {
      contact: { attributes: { site: 'east' } },
      isWithinHours: (id) => {
        asked.push(id);
        return false;
      },
    });
    expect(result.attributes.route).toBe('closed');
    expect(asked).toEqual(['hours-east']);
  });
});
