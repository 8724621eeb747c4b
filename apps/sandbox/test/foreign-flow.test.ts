import { join } from 'node:path';
import { GENERATIVE_AGENT_MODULE, parseLambdaBinding, parseScenario, type SandboxServices, ScenarioError, startSandboxServices } from '../src';
import { FIXTURES_DIR, indexOf, simulate } from './helpers';

// Whole calls against a real Valkey and the emulator: a generous limit, so a loaded CI machine cannot trip it.
jest.setTimeout(30_000);

const FOREIGN_MODULE = join(FIXTURES_DIR, 'acme-generative-agent-module.json');
const SHIPPED_MODULE_TEMPLATE = join(__dirname, '..', '..', '..', 'flow-modules', 'generative-agent-module.json');
const FOREIGN_ENGAGE_ARN = 'arn:aws:lambda:us-west-2:123456789012:function:acme-ga-engage:prod';
const FOREIGN_PULL_ARN = 'arn:aws:lambda:us-west-2:123456789012:function:acme-ga-pullaction';

const greeting = parseScenario(
  {
    conversation: [
      { atMs: 0, push: { action: 'speak', speakParams: { text: 'Hello from GenerativeAgent.' } } },
      { atMs: 3500, push: { action: 'disengage' } },
    ],
  },
  'test scenario',
  'foreign-greeting',
);

let services: SandboxServices;

beforeAll(async () => {
  services = await startSandboxServices();
});

afterAll(async () => {
  await services.close();
});

describe('--flow with a foreign module', () => {
  it('runs it with --lambda bindings by function name and by ARN, the company marker already set', async () => {
    const bindings = ['acme-ga-engage=engage', `${FOREIGN_PULL_ARN}=pull-action`].map(parseLambdaBinding);
    const { transcript, detailed } = await simulate(services, greeting, { flowFile: FOREIGN_MODULE, bindings });

    expect(transcript.outcome).toMatchObject({ disposition: 'disengage', endReason: 'moduleReturned' });
    expect(transcript.flow).toBe('acme-generative-agent-module.json');
    expect(transcript.lambdas.engage).toMatchObject({ invocations: 1, results: { success: 1 } });
    expect(transcript.lambdas['pull-action']?.results).toMatchObject({ speak: 1, disengage: 1 });
    const spoken = indexOf(transcript, 'speech', 'Hello from GenerativeAgent.');
    expect(transcript.entries[spoken]).toMatchObject({ speaker: 'GenerativeAgent', identifier: 'Say it' });
    // Its silence prompt is not one the sandbox knows: 1 s of silence each time, warned about once.
    expect(transcript.warnings).toEqual([
      "unknown prompt 'arn:aws:connect:us-west-2:123456789012:instance/acme/prompt/acme-silence-1s': playing 1000 ms of silence",
    ]);
    const prompts = detailed.entries.filter((entry) => entry.kind === 'prompt');
    expect(prompts.length).toBeGreaterThan(0);
    expect(prompts.every((entry) => entry.durationMs === 1000)).toBe(true);
    expect(services.emulator.requests.filter((request) => request.endpoint === 'engage').at(-1)?.body).toMatchObject({
      guid: transcript.contact.contactId,
    });
  });

  it('answers a Lambda nothing is bound to with {} and a warning naming it, and uses the scenario\'s response for it', async () => {
    const bindings = [parseLambdaBinding('acme-ga-engage=engage')];
    const { transcript } = await simulate(services, greeting, { flowFile: FOREIGN_MODULE, bindings });
    expect(transcript.outcome.endReason).not.toBe('error');
    expect(transcript.warnings).toContain(`no Lambda handler for ${FOREIGN_PULL_ARN}: answering {} (bind one, or give the scenario a response for it)`);
    expect(transcript.warnings.join('\n')).not.toContain(FOREIGN_ENGAGE_ARN);

    const answered = parseScenario({ services: { lambdas: { 'acme-ga-pullaction': { next: 'disengage' } } } }, 'test', 'answered');
    const withResponse = await simulate(services, answered, { flowFile: FOREIGN_MODULE, bindings });
    expect(withResponse.transcript.outcome).toMatchObject({ endReason: 'moduleReturned', disposition: 'disengage' });
  });

  it('renders a --flow file holding our placeholders as the infra does, so the shipped module runs on its own', async () => {
    const { transcript } = await simulate(services, greeting, { flowFile: SHIPPED_MODULE_TEMPLATE });
    expect(transcript.outcome).toMatchObject({ disposition: 'disengage', endReason: 'moduleReturned' });
    expect(transcript.utterances.map((utterance) => utterance.text)).toEqual(['"Hello from GenerativeAgent."']);
  });
});

describe('--flow with a customer\'s own inbound flow and caller input', () => {
  const OWN_FLOW = join(FIXTURES_DIR, 'own-inbound-flow.json');
  const OWN_FLOWS_DIR = join(FIXTURES_DIR, 'own-flows');
  const caller = (dtmf: string) =>
    parseScenario(
      {
        callerInput: [{ atMs: 1000, dtmf }],
        flows: { 'arn:aws:connect:us-west-2:123456789012:instance/acme/flow-module/5d2c0f7e-deployed': GENERATIVE_AGENT_MODULE },
        conversation: [
          { atMs: 0, push: { action: 'speak', speakParams: { text: 'Hello from GenerativeAgent.' } } },
          { atMs: 3500, push: { action: 'disengage' } },
        ],
      },
      'test scenario',
      `own-flow-${dtmf}`,
    );

  it('presses 1: the menu hands the call to the shipped module (mapped to the deployed ARN) and back', async () => {
    const { transcript } = await simulate(services, caller('1'), { flowFile: OWN_FLOW, flowsDir: OWN_FLOWS_DIR });
    expect(transcript.outcome).toMatchObject({ disposition: 'disengage', endReason: 'disconnected' });
    const pressed = indexOf(transcript, 'input', 'presses 1');
    expect(pressed).toBeGreaterThan(indexOf(transcript, 'setting', 'UpdateFlowLoggingBehavior'));
    expect(indexOf(transcript, 'speech', 'Hello from GenerativeAgent.')).toBeGreaterThan(pressed);
    expect(indexOf(transcript, 'speech', 'Goodbye.')).toBeGreaterThan(indexOf(transcript, 'module', 'module returned: success'));
  });

  it('presses 2: TransferToFlow continues in the flow --flows supplies by file name', async () => {
    const { transcript } = await simulate(services, caller('2'), { flowFile: OWN_FLOW, flowsDir: OWN_FLOWS_DIR });
    expect(transcript.outcome.endReason).toBe('disconnected');
    expect(transcript.lambdas.engage).toBeUndefined();
    expect(indexOf(transcript, 'transfer', 'transfer to flow billing-flow')).toBeLessThan(indexOf(transcript, 'speech', 'Billing here.'));
    expect(indexOf(transcript, 'speech', 'Goodbye.')).toBe(-1);
  });

  it('stays silent: the menu times out after its 4 s limit', async () => {
    const silent = parseScenario({}, 'test scenario', 'own-flow-silent');
    const { transcript } = await simulate(services, silent, { flowFile: OWN_FLOW, flowsDir: OWN_FLOWS_DIR });
    const timeout = transcript.entries[indexOf(transcript, 'input', 'silent')];
    const prompt = transcript.entries[indexOf(transcript, 'speech', 'Press 1')];
    expect(timeout?.atMs).toBeGreaterThanOrEqual((prompt?.atMs ?? 0) + (prompt?.durationMs ?? 0) + 4000);
    expect(transcript.outcome.endReason).toBe('disconnected');
  });
});

describe('scenario settings the handlers reject', () => {
  it('are reported under the scenario field, not the environment variable', async () => {
    const badRegex = parseScenario({ ssmlConversions: [{ searchFor: '(unclosed', replaceWith: '' }] }, 'test', 'bad-regex');
    const attempt = simulate(services, badRegex);
    await expect(attempt).rejects.toThrow(ScenarioError);
    await expect(attempt).rejects.toThrow(/^scenario field ssmlConversions\[0\]\.searchFor: /);
  });
});
