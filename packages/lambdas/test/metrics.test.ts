import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  createHandlerMetrics,
  createPullActionHandler,
  createPushActionHandler,
  engageHandlerFromEnvironment,
  type Environment,
  FUNCTION_METRICS,
  LAMBDA_NAMES,
  METRIC_DIMENSION_NAMES,
  parsePullActionConfig,
  pullActionHandlerFromEnvironment,
  pushActionHandlerFromEnvironment,
} from '../src';
import { asappEnvironment } from './support/asapp-environment';
import { contactFlowEvent } from './support/connect-events';
import { captureEmf, type EmfCapture } from './support/emf';
import { containerQueue, fillToMaxmemory, inspector } from './support/valkey';

const METRICS_ENVIRONMENT = { POWERTOOLS_METRICS_NAMESPACE: 'TestProject', GENAGENT_ENVIRONMENT: 'staging' };
const CONTACT_ID = 'metrics-contact-7f3a';
const CALLER = '+15551239876';

let emulator: AsappEmulator;
let server: LocalValkeyServer;
let emf: EmfCapture;

beforeAll(async () => {
  [emulator, server] = await Promise.all([startAsappEmulator(), startValkeyServer()]);
});
afterAll(async () => {
  await emulator.close();
  await server.stop();
});
beforeEach(() => {
  emf = captureEmf();
});
afterEach(() => {
  emf.restore();
  for (const endpoint of ['engage', 'createCallTransfer', 'getCallTransfer'] as const) emulator.setBehaviour(endpoint, undefined);
});

/** Every document: the namespace, exactly the catalog's dimensions, only metrics the catalog lists for the function. */
function expectCatalogued(service: (functionName: string) => string): void {
  const documents = emf.documents();
  expect(documents.length).toBeGreaterThan(0);
  for (const document of documents) {
    expect(document.namespace).toBe('TestProject');
    expect(Object.keys(document.dimensions).sort()).toEqual([...METRIC_DIMENSION_NAMES].sort());
    const functionName = document.dimensions.function as (typeof LAMBDA_NAMES)[number];
    expect(LAMBDA_NAMES).toContain(functionName);
    expect(document.dimensions).toEqual({ service: service(functionName), environment: 'staging', function: functionName });
    const catalogued = Object.fromEntries(FUNCTION_METRICS[functionName].map(({ name, unit }) => [name, unit]));
    for (const [name, unit] of Object.entries(document.units)) expect([name, unit]).toEqual([name, catalogued[name]]);
  }
  // Never a contact id or a caller number anywhere in a metric document.
  const raw = JSON.stringify(documents);
  expect(raw).not.toContain(CONTACT_ID);
  expect(raw).not.toContain(CALLER.slice(1));
}

describe('engage, call-transfer and call-context: outcome by kind', () => {
  const event = contactFlowEvent({ contactId: CONTACT_ID, callerNumber: CALLER });
  const environment = (overrides: Environment = {}) => ({
    ...asappEnvironment(emulator, overrides),
    ...METRICS_ENVIRONMENT,
  });

  it.each([
    ['success', 'AsappSuccess', {}, undefined],
    ['ASAPP 401 (wrong credentials)', 'AsappError4xx', { ASAPP_API_SECRET: 'wrong' }, undefined],
    ['ASAPP 503', 'AsappError5xx', {}, { status: 503 }],
    ['a timeout', 'AsappTimeout', { ASAPP_TIMEOUT_MS: '150' }, { delayMs: 1000 }],
    ['ASAPP out of reach', 'AsappNetworkError', { ASAPP_API_HOST: 'http://127.0.0.1:1' }, undefined],
    ['a missing ASAPP_API_HOST', 'ConfigurationError', { ASAPP_API_HOST: '' }, undefined],
  ])('engage counts %s as %s', async (_name, metric, overrides, behaviour) => {
    if (behaviour) emulator.setBehaviour('engage', behaviour);
    const engage = engageHandlerFromEnvironment({ environment: environment(overrides) });
    await engage(event);
    expect(emf.totals('engage')).toEqual({ [metric]: 1 });
    expectCatalogued((functionName) => `genagent-connect-${functionName}`);
  });

  it('engage counts a call whose media streaming never started as ConfigurationError, per invocation', async () => {
    const engage = engageHandlerFromEnvironment({ environment: { ...environment(), POWERTOOLS_SERVICE_NAME: 'engage' } });
    await engage(contactFlowEvent({ streamArn: null }));
    await engage(event);
    expect(emf.documents()).toHaveLength(2);
    expect(emf.totals('engage')).toEqual({ ConfigurationError: 1, AsappSuccess: 1 });
    expectCatalogued((functionName) => functionName);
  });

  it('call-transfer and call-context count their ASAPP outcomes, and a PSTN leg handed back to an agent', async () => {
    const callTransfer = callTransferHandlerFromEnvironment({ environment: environment() });
    const callContext = callContextHandlerFromEnvironment({ environment: environment() });
    await callTransfer(event);
    await callContext(event); // not completed yet: no output context in ASAPP's answer
    emulator.completeCallTransfer(CONTACT_ID, { transferType: 'AGENT', currentTaskName: 'billing' });
    await callContext(event);
    emulator.setBehaviour('createCallTransfer', { status: 500 });
    await callTransfer(event);
    expect(emf.totals('call-transfer')).toEqual({ AsappSuccess: 1, AsappError5xx: 1 });
    expect(emf.totals('call-context')).toEqual({ AsappInvalidResponse: 1, AsappSuccess: 1, ConversationTransferToAgent: 1 });
    expectCatalogued((functionName) => `genagent-connect-${functionName}`);
  });
});

describe('push-action and pull-action against a real Valkey', () => {
  const companyMarker = 'acme';
  const poll = (guid: string) => contactFlowEvent({ contactId: guid, attributes: { ASAPP_CompanyMarker: companyMarker } });
  const push = (guid: string, action: string, params: object = {}) => ({ action, companyMarker, guid, ...params });
  const valkeyEnvironment = () => ({ VALKEY_HOST: server.host, VALKEY_PORT: String(server.port), ...METRICS_ENVIRONMENT });

  it('counts accepted, malformed and unknown pushes, answers by next, conversation ends and the queue wait of each action', async () => {
    let nowMs = 1_700_000_000_000;
    const clock = () => nowMs;
    const environment = { ...METRICS_ENVIRONMENT, POWERTOOLS_SERVICE_NAME: 'svc' };
    const pushContainer = containerQueue(server, 'push-action');
    const pullContainer = containerQueue(server, 'pull-action');
    try {
      const pushAction = createPushActionHandler({
        queue: pushContainer.queue,
        clock,
        metrics: createHandlerMetrics('push-action', { environment }),
      });
      const pullAction = createPullActionHandler({
        config: parsePullActionConfig({}),
        queue: pullContainer.queue,
        clock,
        metrics: createHandlerMetrics('pull-action', { environment }),
      });
      const guid = CONTACT_ID;
      expect(await pullAction(poll(guid))).toMatchObject({ next: 'none' });
      await pushAction(push(guid, 'speak', { speakParams: { text: 'Hello' } }));
      nowMs += 250;
      await pushAction(push(guid, 'transferToAgent', { transferToAgentParams: { outputVariables: { n: 1 } } }));
      await pushAction(push(guid, 'dance'));
      await pushAction(push(guid, 'speak'));
      await pushAction({ action: 'speak', companyMarker });
      nowMs += 500;
      expect(await pullAction(poll(guid))).toMatchObject({ next: 'speak' });
      expect(await pullAction(poll(guid))).toMatchObject({ next: 'transferToAgent' });

      expect(emf.totals('push-action')).toEqual({ PushAccepted: 2, PushUnknownAction: 1, PushRefusedMalformed: 2 });
      expect(emf.totals('pull-action')).toEqual({
        PullNone: 1,
        PullSpeak: 1,
        PullTransferToAgent: 1,
        ConversationTransferToAgent: 1,
        QueueWait: 750 + 500,
      });
      const waits = emf.documents().flatMap((document) => document.values.QueueWait ?? []);
      expect(waits).toEqual([750, 500]);
      expectCatalogued(() => 'svc');
    } finally {
      await Promise.all([pushContainer.close(), pullContainer.close()]);
    }
  });

  it('long-poll: counts the queue wait of every action it takes, the processing actions it consumes included', async () => {
    let nowMs = 1_700_000_000_000;
    const clock = () => nowMs;
    const pushContainer = containerQueue(server, 'push-action');
    const pullContainer = containerQueue(server, 'pull-action');
    try {
      const metrics = createHandlerMetrics('pull-action', { environment: METRICS_ENVIRONMENT });
      const pushAction = createPushActionHandler({ queue: pushContainer.queue, clock });
      const pullAction = createPullActionHandler({ config: parsePullActionConfig({ PULL_WAIT_MS: '200' }), queue: pullContainer.queue, clock, metrics });
      await pushAction(push('long-poll-call', 'processingStart'));
      nowMs += 40;
      await pushAction(push('long-poll-call', 'speak', { speakParams: { text: 'ready' } }));
      nowMs += 10;
      expect(await pullAction(poll('long-poll-call'))).toMatchObject({ next: 'speak', pullMode: 'longPoll' });
      expect(emf.documents().flatMap((document) => document.values.QueueWait ?? [])).toEqual([50, 10]);
      expect(emf.totals('pull-action')).toEqual({ PullSpeak: 1, QueueWait: 60 });
      expectCatalogued((functionName) => `genagent-connect-${functionName}`);
    } finally {
      await Promise.all([pushContainer.close(), pullContainer.close()]);
    }
  });

  it('counts the idle limit as its own conversation ending', async () => {
    let nowMs = 1_700_000_000_000;
    const container = containerQueue(server, 'pull-action');
    try {
      const pullAction = createPullActionHandler({
        config: parsePullActionConfig({ MAX_IDLE_SECONDS: '5' }),
        queue: container.queue,
        clock: () => nowMs,
        metrics: createHandlerMetrics('pull-action', { environment: METRICS_ENVIRONMENT }),
      });
      await pullAction(poll('idle-call'));
      nowMs += 6000;
      expect(await pullAction(poll('idle-call'))).toMatchObject({ next: 'error' });
      expect(emf.totals('pull-action')).toEqual({ PullNone: 1, PullError: 1, ConversationIdleLimit: 1 });
      expectCatalogued((functionName) => `genagent-connect-${functionName}`);
    } finally {
      await container.close();
    }
  });

  it('counts Valkey failures once per invocation, the refused push, and the pulls while Valkey is stopped: none within the outage grace, error past it', async () => {
    const outage = await startValkeyServer();
    const pushContainer = containerQueue(outage, 'push-action');
    const pullContainer = containerQueue(outage, 'pull-action');
    try {
      const pushAction = createPushActionHandler({
        queue: pushContainer.queue,
        metrics: createHandlerMetrics('push-action', { environment: METRICS_ENVIRONMENT }),
      });
      const pullMetrics = createHandlerMetrics('pull-action', { environment: METRICS_ENVIRONMENT });
      const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: pullContainer.queue, metrics: pullMetrics });
      const pullWithoutGrace = createPullActionHandler({
        config: parsePullActionConfig({ VALKEY_OUTAGE_GRACE_SECONDS: '0' }),
        queue: pullContainer.queue,
        metrics: pullMetrics,
      });
      await outage.stop();
      expect(await pushAction(push('outage-call', 'disengage'))).toMatchObject({ ok: false });
      expect(await pullAction(poll('outage-call'))).toMatchObject({ next: 'none' });
      expect(await pullWithoutGrace(poll('outage-call'))).toMatchObject({ next: 'error' });
      await outage.restart();
      await pushAction(push('outage-call', 'speak', { speakParams: { text: 'queued' } }));
      expect(await pullAction(poll('outage-call'))).toMatchObject({ next: 'speak' });
      expect(emf.totals('push-action')).toEqual({ PushAccepted: 1, PushRefusedValkey: 1, ValkeyFailure: 1 });
      const pulls = emf.totals('pull-action');
      // One ValkeyFailure per failed invocation, whatever number of its commands failed.
      expect(pulls).toEqual({
        ValkeyFailure: 2,
        PullNone: 1,
        PullError: 1,
        ConversationError: 1,
        PullSpeak: 1,
        QueueWait: expect.any(Number),
      });
      expect(pulls.QueueWait).toBeGreaterThanOrEqual(0);
      expectCatalogued((functionName) => `genagent-connect-${functionName}`);
    } finally {
      await Promise.all([pushContainer.close(), pullContainer.close()]);
      await outage.stop();
    }
  });

  it('counts a push refused by a full Valkey (maxmemory reached, noeviction) as out of memory', async () => {
    const full = await startValkeyServer();
    const admin = inspector(full);
    const container = containerQueue(full, 'push-action');
    try {
      await fillToMaxmemory(admin, 64 * 1024);
      const pushAction = createPushActionHandler({
        queue: container.queue,
        metrics: createHandlerMetrics('push-action', { environment: METRICS_ENVIRONMENT }),
      });
      expect(await pushAction(push('full-call', 'speak', { speakParams: { text: 'no room' } }))).toMatchObject({ ok: false });
      expect(emf.totals('push-action')).toEqual({ PushRefusedOutOfMemory: 1, ValkeyFailure: 1 });
      expectCatalogued((functionName) => `genagent-connect-${functionName}`);
    } finally {
      await Promise.all([admin.close(), container.close()]);
      await full.stop();
    }
  });

  it('counts a configuration error of pull-action as an error answer and an error ending', async () => {
    const pullAction = pullActionHandlerFromEnvironment({ environment: { ...METRICS_ENVIRONMENT } });
    expect(await pullAction(poll('config-call'))).toMatchObject({ next: 'error' });
    expect(emf.totals('pull-action')).toEqual({ ConfigurationError: 1, PullError: 1, ConversationError: 1 });
    const pushAction = pushActionHandlerFromEnvironment({ environment: { ...valkeyEnvironment(), VALKEY_PORT: 'x' } });
    expect(await pushAction(push('config-call', 'disengage'))).toMatchObject({ ok: false });
    expect(emf.totals('push-action')).toEqual({ ConfigurationError: 1 });
    expectCatalogued((functionName) => `genagent-connect-${functionName}`);
  });
});
