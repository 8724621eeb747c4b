import { actionsKey, beepBopCounterKey, QUEUE_TTL_SECONDS } from '@genagent-connect/action-queue';
import {
  createPullActionHandler,
  createPushActionHandler,
  parsePullActionConfig,
  type PullActionResponse,
} from '../src';
import { contactFlowEvent } from './support/connect-events';
import { connectionNames, useHandlerContainers } from './support/valkey';

const COMPANY = 'acme';

const valkey = useHandlerContainers();

const push = () => createPushActionHandler({ queue: valkey.pushContainer.queue });
const pull = (environment: Record<string, string> = {}) =>
  createPullActionHandler({ config: parsePullActionConfig(environment), queue: valkey.pullContainer.queue });
const pollFor = (contactId: string) => contactFlowEvent({ contactId, attributes: { ASAPP_CompanyMarker: COMPANY } });

type RoundTrip = [action: string, pushed: Record<string, unknown>, expected: Partial<PullActionResponse>];

const everyAction: RoundTrip[] = [
  ['speak', { speakParams: { text: 'Hello & welcome' } }, { next: 'speak', text: 'Hello & welcome', textType: 'text' }],
  ['processingStart', {}, { next: 'processingStart' }],
  ['processingEnd', {}, { next: 'processingEnd' }],
  [
    'transferToAgent',
    { transferToAgentParams: { outputVariables: { queue: 'billing' } } },
    { next: 'transferToAgent', outputVariables: { queue: 'billing' } },
  ],
  [
    'transferToSystem',
    {
      transferToAgentParams: { outputVariables: { queue: 'billing', shared: 'agent' } },
      transferToSystemParams: { outputVariables: { system: 'ivr', shared: 'system' } },
    },
    { next: 'transferToSystem', outputVariables: { queue: 'billing', system: 'ivr', shared: 'system' } },
  ],
  ['disengage', { reason: 'conversation complete' }, { next: 'disengage', outputVariables: {} }],
];

describe.each(everyAction)('%s end to end', (action, params, expected) => {
  it('is stored by push-action and handed to the flow by pull-action, once', async () => {
    const guid = `round-trip-${action}`;
    expect(await push()({ action, companyMarker: COMPANY, guid, ...params })).toEqual({ ok: true });
    const pullAction = pull();
    expect(await pullAction(pollFor(guid))).toEqual({ playBeepBop: 1, pullMode: 'poll', ...expected });
    expect(await pullAction(pollFor(guid))).toEqual({ next: 'none', playBeepBop: 0, pullMode: 'poll' });
  });
});

it('speaks SSML when conversions are configured: escaped, converted, wrapped', async () => {
  const guid = 'ssml-call';
  await push()({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: `Q&A <now> for "Gold" members` } });
  const pullAction = pull({ SSML_CONVERSIONS: JSON.stringify([{ searchFor: 'gold', replaceWith: '<emphasis>Gold</emphasis>' }]) });
  expect(await pullAction(pollFor(guid))).toMatchObject({
    next: 'speak',
    textType: 'ssml',
    text: '<speak>Q&amp;A &lt;now&gt; for &quot;<emphasis>Gold</emphasis>&quot; members</speak>',
  });
});

it('keeps each call in order across many interleaved calls', async () => {
  const calls = Array.from({ length: 12 }, (_, index) => `interleaved-${index}`);
  const perCall = 15;
  const pushAction = push();
  for (let turn = 0; turn < perCall; turn += 1) {
    const results = await Promise.all(
      calls.map((guid) =>
        pushAction({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: `${guid} #${turn}` } }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
  }
  const pullAction = pull();
  const heard = new Map<string, string[]>(calls.map((guid) => [guid, []]));
  for (let turn = 0; turn < perCall; turn += 1) {
    const responses = await Promise.all(calls.map((guid) => pullAction(pollFor(guid))));
    responses.forEach((response, index) => {
      heard.get(calls[index] as string)?.push(response.text ?? response.next);
    });
  }
  for (const guid of calls) {
    expect(heard.get(guid)).toEqual(Array.from({ length: perCall }, (_, turn) => `${guid} #${turn}`));
  }
});

it('stores the queue with the 6 h TTL', async () => {
  const guid = 'ttl-call';
  await push()({ action: 'processingStart', companyMarker: COMPANY, guid });
  const ttl = await valkey.raw.run((connection) => connection.ttl(actionsKey(COMPANY, guid)));
  expect(ttl).toBeGreaterThan(QUEUE_TTL_SECONDS - 5);
  expect(ttl).toBeLessThanOrEqual(QUEUE_TTL_SECONDS);
});

it('asks for the processing cue on polls 1, 7, 13 of a call', async () => {
  const pullAction = pull();
  const cues: number[] = [];
  for (let poll = 1; poll <= 13; poll += 1) cues.push((await pullAction(pollFor('cue-call'))).playBeepBop);
  expect(cues).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
});

describe('when the processing-cue counter fails', () => {
  const guid = 'broken-counter';
  beforeEach(() => valkey.raw.run((connection) => connection.set(beepBopCounterKey(COMPANY, guid), 'not a number')));

  it('still delivers an action already taken from the queue, without the cue', async () => {
    await push()({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: 'not lost' } });
    expect(await pull()(pollFor(guid))).toEqual({ next: 'speak', text: 'not lost', textType: 'text', playBeepBop: 0, pullMode: 'poll' });
  });

  it('answers "none" without the cue when there was nothing to deliver: the cue is decoration', async () => {
    expect(await pull()(pollFor(guid))).toEqual({ next: 'none', playBeepBop: 0, pullMode: 'poll' });
  });
});

describe('which queue pull-action reads', () => {
  const speakTo = (companyMarker: string, guid: string, text: string) =>
    push()({ action: 'speak', companyMarker, guid, speakParams: { text } });

  it('takes companyMarker from the parameter, then ASAPP_CompanyMarker, then ASAPP_companyMarker', async () => {
    await speakTo('from-parameter', 'marker-call', 'parameter');
    await speakTo('from-module-spelling', 'marker-call', 'module spelling');
    await speakTo('from-seed-spelling', 'marker-call', 'seed spelling');
    const pullAction = pull();
    const attributes = { ASAPP_CompanyMarker: 'from-module-spelling', ASAPP_companyMarker: 'from-seed-spelling' };
    const texts = await Promise.all([
      pullAction(contactFlowEvent({ contactId: 'marker-call', attributes, parameters: { companyMarker: 'from-parameter' } })),
      pullAction(contactFlowEvent({ contactId: 'marker-call', attributes })),
      pullAction(contactFlowEvent({ contactId: 'marker-call', attributes: { ASAPP_companyMarker: 'from-seed-spelling' } })),
    ]);
    expect(texts.map((response) => response.text)).toEqual(['parameter', 'module spelling', 'seed spelling']);
  });

  it('takes guid from the parameter, else the ContactId', async () => {
    await speakTo(COMPANY, 'guid-from-parameter', 'by parameter');
    await speakTo(COMPANY, 'contact-id-guid', 'by contact id');
    const pullAction = pull();
    const attributes = { ASAPP_CompanyMarker: COMPANY };
    expect(
      (await pullAction(contactFlowEvent({ contactId: 'other', attributes, parameters: { guid: 'guid-from-parameter' } }))).text,
    ).toBe('by parameter');
    expect((await pullAction(contactFlowEvent({ contactId: 'contact-id-guid', attributes }))).text).toBe('by contact id');
  });

  it('answers next "error" naming the missing parameter', async () => {
    const pullAction = pull();
    expect(await pullAction(contactFlowEvent({ attributes: {} }))).toEqual({
      next: 'error',
      text: 'missing companyMarker parameter',
      playBeepBop: 0,
      pullMode: 'poll',
    });
    const noContactId = contactFlowEvent({ attributes: { ASAPP_CompanyMarker: COMPANY } });
    Reflect.deleteProperty(noContactId.Details.ContactData, 'ContactId');
    expect(await pullAction(noContactId)).toMatchObject({ next: 'error', text: 'missing guid parameter' });
  });
});

describe('long-poll (PULL_WAIT_MS)', () => {
  const longPoll = (waitMs: number) =>
    createPullActionHandler({ config: parsePullActionConfig({ PULL_WAIT_MS: String(waitMs) }), queue: valkey.longPollContainer.queue });
  const longPollFor = (contactId: string, processing: '0' | '1') =>
    contactFlowEvent({ contactId, attributes: { ASAPP_CompanyMarker: COMPANY }, parameters: { processing } });
  const queued = (guid: string) => valkey.raw.run((connection) => connection.llen(actionsKey(COMPANY, guid)));

  it('hands over an action pushed while it waits, with the processing state', async () => {
    const waiting = longPoll(2000)(longPollFor('long-poll-call', '0'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await push()({ action: 'speak', companyMarker: COMPANY, guid: 'long-poll-call', speakParams: { text: 'right away' } });
    expect(await waiting).toEqual({
      next: 'speak',
      text: 'right away',
      textType: 'text',
      playBeepBop: 0,
      pullMode: 'longPoll',
      processing: 0,
    });
  });

  it('answers none without the cue when nothing arrives while GenerativeAgent is idle', async () => {
    expect(await longPoll(150)(longPollFor('quiet-long-poll-call', '0'))).toEqual({
      next: 'none',
      playBeepBop: 0,
      pullMode: 'longPoll',
      processing: 0,
    });
  });

  it('answers none with the cue when nothing arrives while GenerativeAgent is processing', async () => {
    expect(await longPoll(150)(longPollFor('processing-long-poll-call', '1'))).toEqual({
      next: 'none',
      playBeepBop: 1,
      pullMode: 'longPoll',
      processing: 1,
    });
  });

  it('consumes processingStart and processingEnd in the same invocation and hands over the speak behind them', async () => {
    const guid = 'consumed-processing-call';
    await push()({ action: 'processingStart', companyMarker: COMPANY, guid });
    await push()({ action: 'processingEnd', companyMarker: COMPANY, guid });
    await push()({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: 'here it is' } });
    expect(await longPoll(2000)(longPollFor(guid, '0'))).toMatchObject({ next: 'speak', text: 'here it is', processing: 0 });
    expect(await queued(guid)).toBe(0);
  });

  it.each([
    ['processingStart', '0', { playBeepBop: 1, processing: 1 }],
    ['processingEnd', '1', { playBeepBop: 0, processing: 0 }],
  ] as const)('after consuming %s (processing %s) answers none with the new state when nothing follows', async (action, processing, expected) => {
    const guid = `state-change-${action}`;
    await push()({ action, companyMarker: COMPANY, guid });
    expect(await longPoll(300)(longPollFor(guid, processing))).toEqual({ next: 'none', pullMode: 'longPoll', ...expected });
    expect(await queued(guid)).toBe(0);
  });

  it('hands over transfers and disengage like poll mode, with the processing state', async () => {
    const guid = 'long-poll-transfer';
    await push()({ action: 'processingStart', companyMarker: COMPANY, guid });
    await push()({ action: 'transferToAgent', companyMarker: COMPANY, guid, transferToAgentParams: { outputVariables: { queue: 'billing' } } });
    expect(await longPoll(2000)(longPollFor(guid, '0'))).toEqual({
      next: 'transferToAgent',
      outputVariables: { queue: 'billing' },
      playBeepBop: 0,
      pullMode: 'longPoll',
      processing: 1,
    });
  });

  it('keeps no cue counter: the processing state paces the cue', async () => {
    const guid = 'no-counter-call';
    await push()({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: 'hello' } });
    await longPoll(150)(longPollFor(guid, '1'));
    await longPoll(150)(longPollFor(guid, '1'));
    expect(await valkey.raw.run((connection) => connection.exists(beepBopCounterKey(COMPANY, guid)))).toBe(0);
  });

  it('answers errors with the processing state it was called with', async () => {
    const noMarker = contactFlowEvent({ contactId: 'no-marker', attributes: {}, parameters: { processing: '1' } });
    expect(await longPoll(150)(noMarker)).toEqual({
      next: 'error',
      text: 'missing companyMarker parameter',
      playBeepBop: 0,
      pullMode: 'longPoll',
      processing: 1,
    });
  });
});

it('answers poll mode exactly as ASAPP\'s module expects, without processing, whatever the module passes', async () => {
  const guid = 'poll-ignores-processing';
  await push()({ action: 'processingStart', companyMarker: COMPANY, guid });
  const event = contactFlowEvent({ contactId: guid, attributes: { ASAPP_CompanyMarker: COMPANY }, parameters: { processing: '0' } });
  expect(await pull()(event)).toEqual({ next: 'processingStart', playBeepBop: 1, pullMode: 'poll' });
});

it('keeps one connection per container however many invocations', async () => {
  const pullAction = pull();
  const pushAction = push();
  for (let index = 0; index < 100; index += 1) {
    await pushAction({ action: 'processingEnd', companyMarker: COMPANY, guid: 'connection-count' });
    await pullAction(pollFor('connection-count'));
  }
  const names = await connectionNames(valkey.raw);
  expect(names.filter((name) => name === 'pull-action')).toHaveLength(1);
  expect(names.filter((name) => name === 'push-action')).toHaveLength(1);
});
