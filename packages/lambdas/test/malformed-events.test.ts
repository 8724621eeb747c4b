import { actionsKey, type ValkeyClient } from '@genagent-connect/action-queue';
import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import {
  callContextHandlerFromEnvironment,
  callTransferHandlerFromEnvironment,
  createPullActionHandler,
  createPushActionHandler,
  engageHandlerFromEnvironment,
  type LambdaHandler,
  parsePullActionConfig,
} from '../src';
import type { ContainerActionQueue } from '../src/valkey';
import { asappEnvironment } from './support/asapp-environment';
import { contactFlowEvent } from './support/connect-events';
import { containerQueue, inspector } from './support/valkey';

let emulator: AsappEmulator;
let server: LocalValkeyServer;
let container: ContainerActionQueue;
let raw: ValkeyClient;

beforeAll(async () => {
  [emulator, server] = await Promise.all([startAsappEmulator(), startValkeyServer()]);
  container = containerQueue(server, 'malformed-events');
  raw = inspector(server);
});
afterAll(async () => {
  await Promise.all([container.close(), raw.close(), emulator.close()]);
  await server.stop();
});

/** A valid event with one part replaced (or, with `undefined`, removed) at the given path. */
function eventWith(path: string[], value: unknown): unknown {
  const event: Record<string, unknown> = structuredClone(contactFlowEvent()) as never;
  let parent = event;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return event;
}

const malformedConnectEvents: [description: string, event: unknown, problem: string][] = [
  ['no event at all', null, 'event'],
  ['a string event', 'ContactFlowEvent', 'event'],
  ['no Details', eventWith(['Details'], undefined), 'Details'],
  ['Details not an object', eventWith(['Details'], 'x'), 'Details'],
  ['no ContactData', eventWith(['Details', 'ContactData'], undefined), 'Details.ContactData'],
  ['ContactId not a string', eventWith(['Details', 'ContactData', 'ContactId'], 42), 'Details.ContactData.ContactId'],
  ['ContactId empty', eventWith(['Details', 'ContactData', 'ContactId'], ''), 'Details.ContactData.ContactId'],
  ['Attributes not an object', eventWith(['Details', 'ContactData', 'Attributes'], ['a']), 'Details.ContactData.Attributes'],
  [
    'an attribute that is not a string',
    eventWith(['Details', 'ContactData', 'Attributes'], { ASAPP_CompanyMarker: 7 }),
    'Details.ContactData.Attributes.ASAPP_CompanyMarker',
  ],
  ['MediaStreams not an object', eventWith(['Details', 'ContactData', 'MediaStreams'], 'on'), 'Details.ContactData.MediaStreams'],
  [
    'StreamARN not a string',
    eventWith(['Details', 'ContactData', 'MediaStreams'], { Customer: { Audio: { StreamARN: 1 } } }),
    'Details.ContactData.MediaStreams.Customer.Audio.StreamARN',
  ],
  ['Parameters not an object', eventWith(['Details', 'Parameters'], 'companyMarker=acme'), 'Details.Parameters'],
  ['a parameter that is not a string', eventWith(['Details', 'Parameters'], { guid: 3 }), 'Details.Parameters.guid'],
];

type ConnectHandlerCase = {
  name: string;
  create: () => LambdaHandler<unknown>;
  errorOf: (response: unknown) => string;
  errorShape: Record<string, unknown>;
};

const connectHandlers: ConnectHandlerCase[] = [
  {
    name: 'engage',
    create: () => engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) }),
    errorOf: (response) => (response as { errorMessage: string }).errorMessage,
    errorShape: { result: 'error', asappStatusCode: 0, asappErrorResponse: null },
  },
  {
    name: 'pull-action',
    create: () => createPullActionHandler({ config: parsePullActionConfig({}), queue: container.queue }),
    errorOf: (response) => (response as { text: string }).text,
    errorShape: { next: 'error', playBeepBop: 0, pullMode: 'poll' },
  },
  {
    name: 'call-transfer',
    create: () => callTransferHandlerFromEnvironment({ environment: asappEnvironment(emulator) }),
    errorOf: (response) => (response as { error: string }).error,
    errorShape: { result: 'error', transferNumber: '' },
  },
  {
    name: 'call-context',
    create: () => callContextHandlerFromEnvironment({ environment: asappEnvironment(emulator) }),
    errorOf: (response) => (response as { error: string }).error,
    errorShape: { result: 'error', transferType: '', referenceVariables: {} },
  },
];

describe.each(connectHandlers)('$name with a malformed Connect event', ({ create, errorOf, errorShape }) => {
  it.each(malformedConnectEvents)('%s: answers the error naming the field', async (_description, event, problem) => {
    const requestsBefore = emulator.requests.length;
    const response = await create()(event);
    expect(response).toMatchObject(errorShape);
    expect(errorOf(response)).toMatch(new RegExp(`^invalid Connect event - ${problem.replaceAll('.', '\\.')}: `));
    expect(emulator.requests).toHaveLength(requestsBefore);
  });
});

const validSpeak = { action: 'speak', companyMarker: 'acme', guid: 'malformed-push', speakParams: { text: 'hi' } };

const malformedPushEvents: [description: string, event: unknown, errorMessage: RegExp][] = [
  ['no event', null, /JSON object/],
  ['an array', [validSpeak], /JSON object/],
  ['no action', { ...validSpeak, action: undefined }, /^missing action field$/],
  ['action not a string', { ...validSpeak, action: 3 }, /^action must be a string$/],
  ['action null', { ...validSpeak, action: null }, /^missing action field$/],
  ['action empty', { ...validSpeak, action: '' }, /^missing action field$/],
  ['no companyMarker', { ...validSpeak, companyMarker: undefined }, /^missing companyMarker field$/],
  ['companyMarker empty', { ...validSpeak, companyMarker: '' }, /companyMarker must be a non-empty string/],
  ['companyMarker with the key separator', { ...validSpeak, companyMarker: 'a:b' }, /companyMarker must not contain ':'/],
  ['no guid', { ...validSpeak, guid: undefined }, /^missing guid field$/],
  ['guid null', { ...validSpeak, guid: null }, /^missing guid field$/],
  ['an unknown action without guid', { ...validSpeak, action: 'dance', guid: undefined }, /^missing guid field$/],
  ['guid not a string', { ...validSpeak, guid: 12 }, /^guid must be a string$/],
  ['speak without speakParams', { ...validSpeak, speakParams: undefined }, /speakParams\.text/],
  ['speak with speakParams null', { ...validSpeak, speakParams: null }, /speakParams\.text must be a non-empty string/],
  ['speak with empty text', { ...validSpeak, speakParams: { text: '' } }, /speakParams\.text must be a non-empty string/],
  [
    'outputVariables not an object',
    { action: 'transferToSystem', companyMarker: 'acme', guid: 'malformed-push', transferToSystemParams: { outputVariables: 'x' } },
    /^transferToSystemParams\.outputVariables must be an object$/,
  ],
  ['reason not a string', { ...validSpeak, reason: 5 }, /^reason must be a string$/],
];

describe('push-action with a malformed event', () => {
  it.each(malformedPushEvents)('%s: refuses it, naming the field, and stores nothing', async (_description, event, errorMessage) => {
    const response = await createPushActionHandler({ queue: container.queue })(event);
    expect(response).toEqual({ ok: false, errorMessage: expect.stringMatching(errorMessage) });
    const stored = await raw.run((connection) => connection.keys('asappActions:*'));
    expect(stored).toEqual([]);
  });

  it('stores the valid version of the same event', async () => {
    expect(await createPushActionHandler({ queue: container.queue })(validSpeak)).toEqual({ ok: true });
    expect(await raw.run((connection) => connection.llen(actionsKey('acme', 'malformed-push')))).toBe(1);
    await raw.run((connection) => connection.del(actionsKey('acme', 'malformed-push')));
  });
});
