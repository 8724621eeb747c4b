import { pingValkey } from '@genagent-connect/local-valkey';
import {
  checkExpectations,
  defaultScenario,
  parseScenario,
  type SandboxServices,
  startSandboxServices,
  type Transcript,
} from '../src';
import { indexOf, shippedScenario, shippedScenarioNames, simulate } from './helpers';

// Whole calls against a real Valkey and the emulator: a generous limit, so a loaded CI machine cannot trip it.
jest.setTimeout(30_000);

let services: SandboxServices;

beforeAll(async () => {
  services = await startSandboxServices();
});

afterAll(async () => {
  await services.close();
});

/**
 * Per shipped scenario, what the test checks itself (on top of the scenario's own `expect`), on the transcript as
 * printed and on the detailed one (every poll and silence).
 */
const specificChecks: Record<string, (transcript: Transcript, detailed: Transcript) => void | Promise<void>> = {
  'dtmf-menu-to-generative-agent': (transcript) => {
    // The menu prompt plays before the caller presses 1, and only then does the module engage GenerativeAgent.
    const pressed = indexOf(transcript, 'input', 'presses 1');
    expect(indexOf(transcript, 'speech', 'Press 1')).toBeGreaterThanOrEqual(0);
    expect(indexOf(transcript, 'speech', 'Press 1')).toBeLessThan(pressed);
    expect(pressed).toBeLessThan(indexOf(transcript, 'lambda', 'engage'));
    expect(transcript.entries[pressed]?.atMs).toBeGreaterThanOrEqual(2000);
    expect(transcript.attributes).toMatchObject({ ASAPP_Disposition: 'transferToAgent' });
  },
  'dtmf-menu-to-agent-queue': (transcript) => {
    expect(transcript.lambdas.engage).toBeUndefined();
    expect(indexOf(transcript, 'module')).toBe(-1);
  },
  'greeting-and-disengage': (transcript) => {
    // A silent caller: the menu times out and the call goes to GenerativeAgent.
    const silent = indexOf(transcript, 'input', 'silent: no input');
    expect(silent).toBeGreaterThanOrEqual(0);
    expect(silent).toBeLessThan(indexOf(transcript, 'module', 'enter module'));
    const greeting = indexOf(transcript, 'speech', 'How can I help?');
    expect(transcript.entries[greeting]?.speaker).toBe('GenerativeAgent');
    // SSML conversions on: PullAction answered SSML and the module spoke it through its SSML branch.
    expect(transcript.entries[greeting]?.identifier).toBe('SpeakResponseSsml');
    expect(transcript.entries[greeting]?.data).toEqual({
      ssml: '<speak>Hello, this is the <say-as interpret-as="characters">ASAPP</say-as> assistant. How can I help?</speak>',
    });
    expect(greeting).toBeLessThan(indexOf(transcript, 'speech', 'Goodbye'));
    expect(transcript.utterances).toHaveLength(1);
  },
  'long-processing-with-cues': (_, detailed) => {
    const started = indexOf(detailed, 'processing', 'is processing');
    const ended = indexOf(detailed, 'processing', 'finished processing', started);
    const during = detailed.entries.slice(started, ended);
    // Every 6th poll plays the cue; the others wait 400 ms (processing) rather than 1 s (idle). How many polls fit in
    // the 12 s of processing depends on how fast the machine runs the handlers, so the rhythm is checked, not a count.
    const pauses = during.filter((entry) => entry.kind === 'cue' || entry.kind === 'silence');
    const cuePositions = pauses.flatMap((entry, position) => (entry.kind === 'cue' ? [position] : []));
    expect(cuePositions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(cuePositions.slice(1).map((position, index) => position - (cuePositions[index] ?? 0)))).toEqual(new Set([6]));
    const silences = pauses.filter((entry) => entry.kind === 'silence').map((entry) => entry.durationMs);
    expect(new Set(silences)).toEqual(new Set([400]));
    const idleAfter = detailed.entries.slice(ended).filter((entry) => entry.kind === 'silence');
    expect(idleAfter.length).toBeGreaterThan(0);
    expect(idleAfter.every((entry) => entry.durationMs === 1000)).toBe(true);
    expect(indexOf(detailed, 'speech', 'activation fee', ended)).toBeGreaterThan(ended);
  },
  'transfer-to-agent-with-output-variables': (transcript) => {
    expect(transcript.outcome.disposition).toBe('transferToAgent');
    const pull = transcript.entries[indexOf(transcript, 'lambda', 'pull-action → transferToAgent')];
    expect(pull?.data).toMatchObject({ next: 'transferToAgent', outputVariables: { CustomerAccountNumber: '12345' } });
    expect(transcript.attributes).not.toHaveProperty('AccountNumber');
  },
  'transfer-to-system': (transcript) => {
    expect(transcript.outcome.disposition).toBe('transferToSystem');
    expect(transcript.attributes).toMatchObject({ AccountNumber: '12345', CallIntent: 'billing' });
    expect(indexOf(transcript, 'attributes', 'AccountNumber=12345')).toBeLessThan(indexOf(transcript, 'speech', 'main menu'));
  },
  'engage-401': (transcript) => {
    expect(transcript.outcome).toMatchObject({ disposition: 'error', errorMessage: '401-01 - Invalid credentials' });
    expect(transcript.lambdas['pull-action']).toBeUndefined();
    expect(transcript.lambdas.engage?.results).toEqual({ error: 1 });
  },
  'engage-too-slow': (transcript) => {
    expect(transcript.outcome).toMatchObject({ disposition: 'error', errorMessage: 'ASAPP request timed out after 500 ms' });
    // The handler gave up on ASAPP itself and answered the flow; the flow's own 8 s limit never struck.
    expect(transcript.lambdas.engage).toMatchObject({ invocations: 1, failures: 0 });
  },
  'valkey-stopped-mid-call': async (transcript) => {
    expect(transcript.outcome.disposition).toBe('error');
    expect(transcript.outcome.errorMessage).toMatch(/^error connecting to Valkey - /);
    expect(indexOf(transcript, 'fault')).toBeLessThan(indexOf(transcript, 'lambda', 'pull-action → error'));
    // The module started the stream, so it stops it on the error exit too.
    expect(indexOf(transcript, 'mediaStreaming', 'stopped')).toBeGreaterThan(indexOf(transcript, 'fault'));
    // runCall restarts the server it stopped, so the next call has a Valkey again.
    await expect(pingValkey(services.valkey.host, services.valkey.port)).resolves.toBe(true);
  },
  'valkey-failover-mid-call': async (transcript) => {
    // Heard once each, in push order: nothing acknowledged was lost on the old primary, nothing delivered twice.
    expect(transcript.utterances.map((utterance) => utterance.text)).toEqual([
      '"Hello, how can I help?"',
      '"Let me look that up for you."',
      '"Your balance is 42 dollars."',
      '"Anything else?"',
    ]);
    expect(transcript.entries.filter((entry) => entry.kind === 'lambda' && entry.text.includes('pull-action → error'))).toEqual([]);
    // The primary the failover killed is back for the next call.
    await expect(pingValkey(services.valkey.host, services.valkey.port)).resolves.toBe(true);
  },
  'malformed-push': (transcript) => {
    expect(transcript.pushes).toEqual({ sent: 5, rejected: 1 });
    const rejected = indexOf(transcript, 'push', 'rejected');
    expect(transcript.entries[rejected]?.text).toContain('speakParams.text must be a non-empty string');
    // The unknown action is acknowledged, and the flow never hears of it.
    const unknown = indexOf(transcript, 'push', 'playHoldMusic', rejected);
    expect(transcript.entries[unknown]?.data).toMatchObject({ response: { ok: true } });
    expect(Object.keys(transcript.lambdas['pull-action']?.results ?? {}).sort()).toEqual(['disengage', 'none', 'processingEnd', 'speak']);
    expect(indexOf(transcript, 'speech', 'Sorry about that', rejected)).toBeGreaterThan(rejected);
    expect(transcript.outcome.disposition).toBe('disengage');
  },
  'pstn-transfer-agent': (transcript) => {
    expect(transcript.attributes).toMatchObject({ ASAPP_TransferType: 'AGENT', ASAPP_CurrentTaskName: 'FlightStatus' });
    const created = services.emulator.requests.filter((request) => request.endpoint === 'createCallTransfer').at(-1);
    expect(created?.body).toMatchObject({
      id: transcript.contact.contactId,
      inputContext: { inputVariables: { customerId: transcript.contact.customerNumber } },
    });
    const transfer = indexOf(transcript, 'transfer');
    expect(transcript.entries[transfer]?.durationMs).toBeGreaterThanOrEqual(30_000);
    expect(indexOf(transcript, 'lambda', 'call-context → ok', transfer)).toBeLessThan(indexOf(transcript, 'speech', 'agent'));
  },
  'pstn-transfer-system': (transcript) => {
    expect(transcript.attributes).toMatchObject({ ASAPP_TransferType: 'SYSTEM', ASAPP_CurrentTaskName: 'ChangeAddress' });
    expect(indexOf(transcript, 'speech', 'main menu')).toBeGreaterThan(indexOf(transcript, 'lambda', 'call-context → ok'));
    expect(transcript.outcome.disposition).toBeNull();
  },
  'pushes-never-arrive': (transcript) => {
    expect(transcript.outcome).toMatchObject({
      disposition: 'error',
      errorMessage: 'GenerativeAgent sent nothing for 10 s (maxIdleSeconds 10)',
      endReason: 'disconnected',
    });
    expect(transcript.pushes.sent).toBe(0);
    // Every poll before the limit found nothing and said so; only the one past the limit ended the loop.
    const results = transcript.lambdas['pull-action']?.results ?? {};
    expect(Object.keys(results).sort()).toEqual(['error', 'none']);
    expect(results.error).toBe(1);
    expect(transcript.entries[indexOf(transcript, 'lambda', 'pull-action → error')]?.atMs).toBeGreaterThanOrEqual(10_000);
  },
  'long-poll-greeting': (transcript, detailed) => {
    expect(transcript.pull).toEqual({ mode: 'longPoll', waitMs: 2000 });
    // In long-poll mode the module goes straight back to PullAction: no silences between polls.
    expect(detailed.entries.filter((entry) => entry.kind === 'silence')).toEqual([]);
    expect(transcript.utterances.map((utterance) => utterance.text)).toEqual(['"Hello! How can I help?"', '"Goodbye for now."']);
    // The first PullAction consumed processingEnd and went on waiting for the greeting: no PullAction of its own.
    expect(transcript.lambdas['pull-action']?.results).toEqual({ speak: 2, disengage: 1 });
    expect(indexOf(transcript, 'processing', 'finished processing')).toBeLessThan(indexOf(transcript, 'speech', 'How can I help?'));
  },
};

describe('shipped scenarios', () => {
  it('are all covered by this test', () => {
    expect(Object.keys(specificChecks).sort()).toEqual(shippedScenarioNames());
  });

  it.each(shippedScenarioNames())('%s runs as its description says', async (name) => {
    const scenario = shippedScenario(name);
    const { transcript, detailed } = await simulate(services, scenario);
    expect(checkExpectations(transcript, scenario.expect ?? {})).toEqual([]);
    await specificChecks[name]?.(transcript, detailed);
  });
});

describe('long-poll while GenerativeAgent processes', () => {
  it('consumes processingStart/processingEnd inside PullAction and cues from the processing state it answers', async () => {
    const scenario = parseScenario(
      {
        pull: { mode: 'longPoll' },
        conversation: [
          { atMs: 0, push: { action: 'processingEnd' } },
          { atMs: 100, push: { action: 'speak', speakParams: { text: 'Hi!' } } },
          { atMs: 1500, push: { action: 'processingStart' } },
          { atMs: 7500, push: { action: 'processingEnd' } },
          { atMs: 7600, push: { action: 'speak', speakParams: { text: 'Here it is.' } } },
          { atMs: 8000, push: { action: 'disengage' } },
        ],
      },
      'test',
      'long-poll processing',
    );
    const { transcript, detailed } = await simulate(services, scenario);
    expect(transcript.outcome.disposition).toBe('disengage');
    expect(Object.keys(transcript.lambdas['pull-action']?.results ?? {}).sort()).toEqual(['disengage', 'none', 'speak']);
    const started = indexOf(detailed, 'processing', 'is processing');
    const ended = indexOf(detailed, 'processing', 'finished processing', started);
    expect(indexOf(detailed, 'speech', 'Hi!')).toBeLessThan(started);
    expect(ended).toBeLessThan(indexOf(detailed, 'speech', 'Here it is.'));
    // While processing: empty PullActions, each followed by the cue, and straight back (no silences); none when idle.
    const during = detailed.entries.slice(started, ended).filter((entry) => entry.kind === 'poll' || entry.kind === 'cue');
    expect(during.length).toBeGreaterThanOrEqual(4);
    expect(during.map((entry) => entry.kind)).toEqual(during.map((_, index) => (index % 2 === 0 ? 'poll' : 'cue')));
    expect(detailed.entries.filter((entry) => entry.kind === 'silence')).toEqual([]);
    expect([...detailed.entries.slice(0, started), ...detailed.entries.slice(ended)].filter((entry) => entry.kind === 'cue')).toEqual([]);
  });
});

describe('GenerativeAgent going quiet in long-poll mode', () => {
  it('ends the module with disposition error after maxIdleSeconds without an action', async () => {
    const scenario = parseScenario(
      {
        pull: { mode: 'longPoll', waitMs: 1000 },
        maxIdleSeconds: 3,
        conversation: [
          { atMs: 0, push: { action: 'processingEnd' } },
          { atMs: 100, push: { action: 'speak', speakParams: { text: 'Hi!' } } },
        ],
      },
      'test',
      'long-poll quiet',
    );
    const { transcript } = await simulate(services, scenario);
    expect(transcript.outcome).toMatchObject({
      disposition: 'error',
      errorMessage: 'GenerativeAgent sent nothing for 3 s (maxIdleSeconds 3)',
    });
    expect(transcript.attributes).toMatchObject({ ASAPP_Disposition: 'error' });
    expect(indexOf(transcript, 'speech', 'Hi!')).toBeLessThan(indexOf(transcript, 'lambda', 'pull-action → error'));
  });
});

describe('the default conversation (pnpm sandbox without --scenario)', () => {
  it('greets, answers after processing, disengages, then the sample flow says goodbye', async () => {
    const scenario = defaultScenario();
    const { transcript } = await simulate(services, scenario);
    expect(checkExpectations(transcript, scenario.expect ?? {})).toEqual([]);
    expect(transcript.utterances).toHaveLength(2);
    expect(transcript.attributes).toMatchObject({ ASAPP_CompanyMarker: 'sandbox-company', ASAPP_Disposition: 'disengage' });
    expect(indexOf(transcript, 'caller', 'When will my order arrive?')).toBeLessThan(indexOf(transcript, 'processing', 'is processing'));
  });
});
