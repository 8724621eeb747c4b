import { defaultScenario, formatTranscript, type SandboxServices, startSandboxServices, type Transcript } from '../src';
import { shippedScenario, simulate } from './helpers';

jest.setTimeout(30_000);

let services: SandboxServices;

beforeAll(async () => {
  services = await startSandboxServices();
});
afterAll(async () => {
  await services.close();
});

const sum = (transcript: Transcript, fn: string, metric: string) => transcript.metrics.functions[fn]?.[metric]?.sum ?? 0;

describe('the metrics a simulated call emitted', () => {
  it('counts what the dashboard shows for the default call: engaged, every poll by answer, each queue wait, the ending', async () => {
    const { transcript } = await simulate(services, defaultScenario());
    expect(transcript.metrics.namespace).toBe('GenAgentConnect');
    expect(sum(transcript, 'engage', 'AsappSuccess')).toBe(1);
    expect(sum(transcript, 'push-action', 'PushAccepted')).toBe(transcript.pushes.sent);
    const pullAnswers = Object.entries(transcript.metrics.functions['pull-action'] ?? {})
      .filter(([name]) => name.startsWith('Pull'))
      .reduce((total, [, summary]) => total + summary.sum, 0);
    expect(pullAnswers).toBe(transcript.lambdas['pull-action']?.invocations);
    expect(sum(transcript, 'pull-action', 'PullSpeak')).toBe(transcript.utterances.length);
    expect(sum(transcript, 'pull-action', 'ConversationDisengage')).toBe(1);
    // Every pushed action was delivered, each with its wait in call time.
    const wait = transcript.metrics.functions['pull-action']?.QueueWait;
    expect(wait).toMatchObject({ unit: 'Milliseconds', samples: transcript.pushes.sent });
    expect(wait?.min).toBeGreaterThanOrEqual(0);

    const text = formatTranscript(transcript);
    expect(text).toContain(`Metrics (EMF, namespace GenAgentConnect, ${transcript.metrics.lines} lines):`);
    expect(text).toMatch(/\n {2}engage {9}AsappSuccess 1\n/);
    expect(text).toMatch(/\n {2}pull-action {4}.*QueueWait \d+ × \(min \d+, max \d+ ms\)/);
    expect(JSON.parse(JSON.stringify(transcript)).metrics).toEqual(transcript.metrics);
  });

  it.each([
    ['engage-401', 'engage', 'AsappError4xx', 1],
    ['malformed-push', 'push-action', 'PushRefusedMalformed', undefined],
    ['valkey-stopped-mid-call', 'pull-action', 'ConversationError', 1],
    ['pushes-never-arrive', 'pull-action', 'ConversationIdleLimit', 1],
    ['pstn-transfer-agent', 'call-context', 'ConversationTransferToAgent', 1],
  ])('%s: %s counts %s', async (name, fn, metric, expected) => {
    const { transcript } = await simulate(services, shippedScenario(name));
    expect(sum(transcript, fn, metric)).toBe(expected ?? transcript.pushes.rejected);
    expect(sum(transcript, fn, metric)).toBeGreaterThan(0);
  });
});
