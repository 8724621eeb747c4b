/**
 * push-action's contract with ASAPP, on payloads a real deployment meets: for each, what ASAPP gets back, what is
 * stored in Valkey, and what pull-action then hands the flow. Everything goes through a real server; each event
 * goes through JSON first, as Lambda delivers it.
 */
import { actionsKey, type ValkeyClient } from '@genagent-connect/action-queue';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import {
  createPullActionHandler,
  createPushActionHandler,
  parsePullActionConfig,
  type PullActionResponse,
  type PushActionResponse,
} from '../src';
import type { ContainerActionQueue } from '../src/valkey';
import { contactFlowEvent } from './support/connect-events';
import { captureLogs } from './support/log-capture';
import { containerQueue, fillToMaxmemory, inspector } from './support/valkey';

const COMPANY = 'acme';

interface Valkey {
  server: LocalValkeyServer;
  push: ContainerActionQueue;
  pull: ContainerActionQueue;
  raw: ValkeyClient;
}

async function startValkey(): Promise<Valkey> {
  const server = await startValkeyServer();
  return { server, push: containerQueue(server, 'push-action'), pull: containerQueue(server, 'pull-action'), raw: inspector(server) };
}

async function stopValkey(valkey: Valkey): Promise<void> {
  await Promise.all([valkey.push.close(), valkey.pull.close(), valkey.raw.close()]);
  await valkey.server.stop();
}

let valkey: Valkey;
let fullValkey: Valkey;

beforeAll(async () => {
  [valkey, fullValkey] = await Promise.all([startValkey(), startValkey()]);
  await fillToMaxmemory(fullValkey.raw, 128 * 1024);
});
afterAll(async () => {
  await Promise.all([stopValkey(valkey), stopValkey(fullValkey)]);
});

type Delivered = Omit<PullActionResponse, 'playBeepBop' | 'pullMode'>;

interface ContractCase {
  readonly name: string;
  /** The event, without the call's companyMarker and guid (added unless the case sets them; undefined removes one). */
  readonly event: Record<string, unknown>;
  readonly reply: PushActionResponse;
  /** The queue entry as stored (JSON-parsed); absent: nothing is stored. */
  readonly stored?: Record<string, unknown>;
  /** What pull-action answers the flow, poll after poll, before the queue is empty. */
  readonly delivered: Delivered[];
  /** Default: once the queue is empty, pull-action answers none. */
  readonly thenNone?: false;
  /** false when the first pull cannot ask for the processing cue (its counter was refused). */
  readonly cue?: false;
  readonly logLine?: Record<string, unknown>;
  /** Default: a server with room. */
  readonly valkey?: 'full';
}

const cases: ContractCase[] = [
  {
    name: "ASAPP's disengage with every optional field null",
    event: { action: 'disengage', speakParams: null, transferToAgentParams: null, transferToSystemParams: null, reason: null },
    reply: { ok: true },
    stored: { action: 'disengage' },
    delivered: [{ next: 'disengage', outputVariables: {} }],
  },
  {
    name: 'a speak with null and extra fields, at the top and inside speakParams',
    event: {
      action: 'speak',
      speakParams: { text: 'Your balance is $12.50.', voice: null, locale: 'en-US' },
      reason: null,
      transferToAgentParams: null,
      conversationId: 'conv-1',
      timestamp: 1733097600000,
    },
    reply: { ok: true },
    stored: { action: 'speak', speakParams: { text: 'Your balance is $12.50.' } },
    delivered: [{ next: 'speak', text: 'Your balance is $12.50.', textType: 'text' }],
  },
  {
    name: 'a transferToSystem whose output variables are numbers, booleans, objects, arrays and null',
    event: {
      action: 'transferToSystem',
      transferToAgentParams: null,
      transferToSystemParams: {
        outputVariables: {
          CustomerAccountNumber: 12345,
          Balance: 12.5,
          Verified: true,
          Intent: 'billing',
          Address: { city: 'Springfield', zip: '01101' },
          Tags: ['vip', 2],
          Notes: null,
        },
      },
      reason: null,
    },
    reply: { ok: true },
    stored: {
      action: 'transferToSystem',
      transferToSystemParams: {
        outputVariables: {
          CustomerAccountNumber: '12345',
          Balance: '12.5',
          Verified: 'true',
          Intent: 'billing',
          Address: '{"city":"Springfield","zip":"01101"}',
          Tags: '["vip",2]',
          Notes: '',
        },
      },
    },
    delivered: [
      {
        next: 'transferToSystem',
        outputVariables: {
          CustomerAccountNumber: '12345',
          Balance: '12.5',
          Verified: 'true',
          Intent: 'billing',
          Address: '{"city":"Springfield","zip":"01101"}',
          Tags: '["vip",2]',
          Notes: '',
        },
      },
    ],
  },
  {
    name: 'a transferToAgent with outputVariables null and typed variables in transferToSystemParams',
    event: {
      action: 'transferToAgent',
      transferToAgentParams: { outputVariables: null },
      transferToSystemParams: { outputVariables: { Priority: 1 } },
    },
    reply: { ok: true },
    stored: {
      action: 'transferToAgent',
      transferToAgentParams: {},
      transferToSystemParams: { outputVariables: { Priority: '1' } },
    },
    delivered: [{ next: 'transferToAgent', outputVariables: { Priority: '1' } }],
  },
  {
    name: 'a processingStart carrying null params',
    event: { action: 'processingStart', speakParams: null, transferToSystemParams: null },
    reply: { ok: true },
    stored: { action: 'processingStart' },
    delivered: [{ next: 'processingStart' }],
  },
  {
    name: 'an action this integration does not know',
    event: { action: 'playHoldMusic', holdMusicParams: { id: 'jazz' }, speakParams: null },
    reply: { ok: true },
    delivered: [],
    logLine: { level: 'WARN', message: 'unknown action not stored', action: 'playHoldMusic', companyMarker: COMPANY },
  },
  {
    name: '"error", which only PullAction answers',
    event: { action: 'error' },
    reply: { ok: true },
    delivered: [],
    logLine: { level: 'WARN', message: 'unknown action not stored', action: 'error' },
  },
  {
    name: 'no guid',
    event: { action: 'speak', speakParams: { text: 'lost' }, guid: undefined },
    reply: { ok: false, errorMessage: 'missing guid field' },
    delivered: [],
    logLine: { level: 'ERROR', message: 'rejected event', errorMessage: 'missing guid field' },
  },
  {
    name: 'guid null',
    event: { action: 'disengage', guid: null },
    reply: { ok: false, errorMessage: 'missing guid field' },
    delivered: [],
  },
  {
    name: 'an unknown action without guid',
    event: { action: 'playHoldMusic', guid: undefined },
    reply: { ok: false, errorMessage: 'missing guid field' },
    delivered: [],
  },
  {
    name: 'no companyMarker',
    event: { action: 'disengage', companyMarker: undefined },
    reply: { ok: false, errorMessage: 'missing companyMarker field' },
    delivered: [],
  },
  {
    name: 'no action',
    event: { action: null, speakParams: { text: 'what am I?' } },
    reply: { ok: false, errorMessage: 'missing action field' },
    delivered: [],
  },
  {
    name: 'a speak without text',
    event: { action: 'speak', speakParams: { text: null } },
    reply: { ok: false, errorMessage: 'speakParams.text must be a non-empty string' },
    delivered: [],
  },
  {
    name: 'a speak with speakParams null',
    event: { action: 'speak', speakParams: null, reason: null },
    reply: { ok: false, errorMessage: 'speakParams.text must be a non-empty string' },
    delivered: [],
  },
  {
    name: 'a valid speak while Valkey is full (maxmemory reached, noeviction)',
    event: { action: 'speak', speakParams: { text: 'no room for me' } },
    reply: { ok: false, errorMessage: 'Valkey is out of memory (maxmemory reached): action not stored' },
    // A full Valkey refuses the poll's bookkeeping too (INCR, SET NX): within the outage grace the pull answers none.
    delivered: [{ next: 'none' }],
    thenNone: false,
    cue: false,
    logLine: { level: 'ERROR', message: 'push failed', errorMessage: 'Valkey is out of memory (maxmemory reached): action not stored' },
    valkey: 'full',
  },
];

describe.each(cases.map((contract, index) => ({ ...contract, guid: `contract-${index}` })))('push-action given $name', (contract) => {
  const target = () => (contract.valkey === 'full' ? fullValkey : valkey);
  let reply: PushActionResponse;
  let logLines: Record<string, unknown>[];

  beforeAll(async () => {
    const event = JSON.parse(JSON.stringify({ companyMarker: COMPANY, guid: contract.guid, ...contract.event }));
    const logs = captureLogs();
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    try {
      reply = await createPushActionHandler({ queue: target().push.queue })(event);
    } finally {
      process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
      logs.restore();
    }
    logLines = logs.lines;
  });

  it('answers ASAPP as its own PushAction would', () => {
    expect(reply).toEqual(contract.reply);
  });

  it(contract.stored ? 'stores the action normalised: no nulls, extra fields or typed variables' : 'stores nothing', async () => {
    const entries = await target().raw.run((connection) => connection.lrange(actionsKey(COMPANY, contract.guid), 0, -1));
    const expected = contract.stored ? [{ ...contract.stored, companyMarker: COMPANY, guid: contract.guid }] : [];
    // Each entry carries its sequence number first (it numbers the call's pushes, for at-least-once pulls), and the
    // push time for pull-action's QueueWait metric.
    expect(entries.map((entry) => JSON.parse(entry))).toEqual(
      expected.map((action) => ({ sequence: 1, ...action, pushedAt: expect.any(Number) })),
    );
  });

  it(`has pull-action hand the flow exactly that${contract.thenNone === false ? '' : ', then none'}`, async () => {
    const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: target().pull.queue });
    const poll = contactFlowEvent({ contactId: contract.guid, attributes: { ASAPP_CompanyMarker: COMPANY } });
    const answers: PullActionResponse[] = [];
    const delivered = contract.thenNone === false ? contract.delivered : [...contract.delivered, { next: 'none' as const }];
    for (const _ of delivered) answers.push(await pullAction(poll));
    const expected = delivered.map((answer, index) => ({
      ...answer,
      playBeepBop: index === 0 && contract.cue !== false ? 1 : 0,
      pullMode: 'poll',
    }));
    expect(answers).toEqual(expected);
  });

  if (contract.logLine) {
    it('logs it, with the call', () => {
      expect(logLines).toContainEqual(expect.objectContaining({ ...contract.logLine, contactId: expect.any(String) }));
    });
  }
});
