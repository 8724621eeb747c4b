import { FlowParseError, isFlowModule, parseFlow } from '../src';

const minimalFlow = {
  Version: '2019-10-30',
  StartAction: 'Hangup',
  Actions: [{ Identifier: 'Hangup', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
};

describe('parseFlow', () => {
  it('parses a document given as text or as an object', () => {
    expect(parseFlow(JSON.stringify(minimalFlow)).Actions[0]?.Identifier).toBe('Hangup');
    expect(isFlowModule(parseFlow(minimalFlow))).toBe(false);
  });

  it('recognises a module by its Settings', () => {
    const module = { ...minimalFlow, Settings: { InputParameters: [], OutputParameters: [], Transitions: [] } };
    expect(isFlowModule(parseFlow(module))).toBe(true);
  });

  it('names the source, the path and the action of every issue', () => {
    const broken = {
      ...minimalFlow,
      Version: '2020-01-01',
      Actions: [{ ...minimalFlow.Actions[0], Transitions: { Errors: [{ NextAction: 'Hangup' }] } }],
    };
    let thrown: unknown;
    try {
      parseFlow(broken, 'broken.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FlowParseError);
    const parseError = thrown as FlowParseError;
    expect(parseError.message).toMatch(/^broken\.json: not a valid flow/);
    expect(parseError.issues.map((issue) => issue.path)).toEqual([
      'Version',
      'Actions[0].Transitions.Errors[0].ErrorType',
    ]);
    expect(parseError.issues[1]?.actionId).toBe('Hangup');
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    expect(() => parseFlow({ ...minimalFlow, StartActon: 'Hangup' }, 'typo.json')).toThrow(/StartActon/);
  });

  it('reports text that is not JSON', () => {
    expect(() => parseFlow('{', 'bad.json')).toThrow(/bad\.json: not a valid flow:\n {2}\(document\): invalid JSON/);
  });
});
