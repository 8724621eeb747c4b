import { parseScenario, type Scenario, type ScenarioInput } from './scenario';

/**
 * What `pnpm sandbox` runs without --scenario: GenerativeAgent greets the caller, answers one question after
 * thinking about it, and disengages; the sample flow then says goodbye. Times are ms after engage. The module starts
 * out "processing", so GenerativeAgent first ends that: the caller then hears 1 s idle polls while talking, and
 * 400 ms polls with the processing cue while GenerativeAgent thinks.
 */
const DEFAULT_CONVERSATION: ScenarioInput = {
  name: 'default',
  description: 'Greeting, one question answered after processing, disengage.',
  conversation: [
    { atMs: 0, push: { action: 'processingEnd' } },
    { atMs: 100, push: { action: 'speak', speakParams: { text: 'Hi, thanks for calling. How can I help you today?' } } },
    { atMs: 4500, caller: 'When will my order arrive?' },
    { atMs: 6500, push: { action: 'processingStart' } },
    { atMs: 9500, push: { action: 'processingEnd' } },
    { atMs: 9600, push: { action: 'speak', speakParams: { text: 'Your order shipped yesterday and arrives on Thursday.' } } },
    { atMs: 14500, caller: "Great, that's all. Thanks!" },
    { atMs: 15500, push: { action: 'disengage' } },
  ],
  expect: {
    disposition: 'disengage',
    endReason: 'disconnected',
    transcript: [
      { kind: 'speech', contains: 'How can I help you today?' },
      { kind: 'processing', contains: 'is processing' },
      { kind: 'speech', contains: 'arrives on Thursday' },
      { kind: 'speech', contains: 'Goodbye' },
    ],
  },
};

export function defaultScenario(): Scenario {
  return parseScenario(DEFAULT_CONVERSATION, 'built-in default scenario', 'default');
}
