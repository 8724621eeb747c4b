import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowToMermaid, parseFlow } from '../src';

const moduleFlow = parseFlow(
  readFileSync(join(__dirname, '../../../flow-modules/generative-agent-module.json'), 'utf8'),
  'generative-agent-module.json',
);
const diagram = flowToMermaid(moduleFlow);
const nodeId = (identifier: string) => {
  const match = new RegExp(`^ {2}(a\\d+)\\W+"${identifier}<br/>`, 'm').exec(diagram);
  if (match === null) throw new Error(`no node for ${identifier}`);
  return match[1];
};
const edge = (from: string, arrow: string, to: string) => `  ${nodeId(from)} ${arrow} ${nodeId(to)}`;

describe('flowToMermaid', () => {
  it('draws a top-down flowchart with a node per action, showing Identifier and Type', () => {
    expect(diagram.startsWith('flowchart TD\n')).toBe(true);
    for (const action of moduleFlow.Actions) {
      expect(diagram).toContain(`"${action.Identifier}<br/><small>${action.Type}</small>"`);
    }
    expect(diagram).toContain(`{"RouteNextAction<br/><small>Compare</small>"}`);
    expect(diagram).toContain(`(["ReturnFromModule<br/><small>EndFlowModuleExecution</small>"])`);
  });

  it('labels edges with the compared value or the error type, and dashes error-only edges', () => {
    const lines = diagram.split('\n');
    expect(lines).toContain(`  start((Start)) --> ${nodeId('CheckIfMediaStreamingStarted')}`);
    expect(lines).toContain(edge('PullAction', '-->', 'SaveLastSequence'));
    expect(lines).toContain(edge('SaveLastSequence', '-->|"next / NoMatchingError"|', 'CheckLongPollAnswer'));
    expect(lines).toContain(edge('CheckLongPollAnswer', '-->|"longPoll"|', 'SaveAgentProcessing'));
    expect(lines).toContain(edge('SaveAgentProcessing', '-->', 'RouteNextAction'));
    expect(lines).toContain(edge('RouteNextAction', '-->|"speak"|', 'CheckTextType'));
    expect(lines).toContain(edge('CheckIfMediaStreamingStarted', '-->|"TextContains arn:aws"|', 'MarkMediaStartedByCaller'));
    expect(lines).toContain(edge('PullAction', '-.->|"NoMatchingError"|', 'SetErrorMessagePullActionFailed'));
    expect(lines).toContain(edge('SetDispositionError', '-->|"next / NoMatchingError"|', 'DidModuleStartMediaStreaming'));
  });

  it('escapes quotes and shows transitions to missing actions', () => {
    const flow = parseFlow({
      Version: '2019-10-30',
      StartAction: 'Say "hi"',
      Actions: [{ Identifier: 'Say "hi"', Type: 'MessageParticipant', Parameters: {}, Transitions: { NextAction: 'Gone' } }],
    });
    expect(flowToMermaid(flow)).toBe(
      [
        'flowchart TD',
        '  a0["Say #quot;hi#quot;<br/><small>MessageParticipant</small>"]',
        '  missing1["missing: Gone"]',
        '  start((Start)) --> a0',
        '  a0 --> missing1',
        '',
      ].join('\n'),
    );
  });
});
