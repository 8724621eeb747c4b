import { type LocalValkeyServer, startTcpProxy, startValkeyServer, type TcpProxy } from '@genagent-connect/local-valkey';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createHandlerMetrics,
  createPullActionHandler,
  createPushActionHandler,
  type PullActionResponse,
  parsePullActionConfig,
  REPLICA_ACK_TIMEOUT_METRIC,
} from '../src';
import type { ContainerActionQueue } from '../src/valkey';
import { captureLogs } from './support/log-capture';
import { contactFlowEvent } from './support/connect-events';
import { parseEmfLine } from './support/emf';
import { containerQueue } from './support/valkey';

// A failover as ElastiCache does it: a primary and a replica (replicaof) behind one endpoint (a loopback proxy);
// the primary dies, the replica is promoted, the endpoint moves to it and the open connections break.

const COMPANY = 'acme';

describe('a failover mid-call', () => {
  let primary: LocalValkeyServer;
  let replica: LocalValkeyServer;
  let endpoint: TcpProxy;
  let pushContainer: ContainerActionQueue;
  let pullContainer: ContainerActionQueue;

  beforeAll(async () => {
    primary = await startValkeyServer();
    replica = await startValkeyServer({ replicaOf: primary });
    endpoint = await startTcpProxy(primary);
    pushContainer = containerQueue(endpoint, 'push-action', 1);
    pullContainer = containerQueue(endpoint, 'pull-action');
  });
  afterAll(async () => {
    replica.resume();
    await Promise.all([pushContainer.close(), pullContainer.close()]);
    await endpoint.close();
    await Promise.all([replica.stop(), primary.stop()]);
  });

  /** After a failover: a fresh primary and replica behind the endpoint again. */
  async function healthyPair(): Promise<void> {
    if (endpoint.target === primary) return;
    primary = await startValkeyServer();
    await replica.stop();
    replica = await startValkeyServer({ replicaOf: primary });
    endpoint.switchTo(primary);
    endpoint.dropConnections();
  }

  async function failover(): Promise<void> {
    await primary.kill();
    await replica.command(['REPLICAOF', 'NO', 'ONE']);
    endpoint.switchTo(replica);
    endpoint.dropConnections();
  }

  it.each([
    ['poll', {}],
    ['long-poll', { PULL_WAIT_MS: '400' }],
  ] as [string, Record<string, string>][])('%s: every acknowledged utterance is heard once, in order, no pull answers error', async (_mode, environment) => {
    await healthyPair();
    const guid = `failover-${_mode}`;
    const pushAction = createPushActionHandler({ queue: pushContainer.queue });
    const pullAction = createPullActionHandler({ config: parsePullActionConfig(environment), queue: pullContainer.queue });
    /** ASAPP retries a push until it is acknowledged. */
    const push = async (text: string) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const reply = await pushAction({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text } });
        if (reply.ok) return;
        await sleep(50);
      }
      throw new Error(`push of "${text}" never acknowledged`);
    };

    const heard: string[] = [];
    const errors: string[] = [];
    let slowestMs = 0;
    let lastSequence = 0;
    let calling = true;
    const flow = (async () => {
      while (calling) {
        const startedAt = performance.now();
        const answer: PullActionResponse = await pullAction(
          contactFlowEvent({ contactId: guid, attributes: { ASAPP_CompanyMarker: COMPANY }, parameters: { lastSequence: String(lastSequence) } }),
        );
        slowestMs = Math.max(slowestMs, performance.now() - startedAt);
        if (answer.next === 'error') errors.push(answer.text ?? '');
        if (answer.next === 'speak' && answer.text) heard.push(answer.text);
        lastSequence = answer.sequence ?? lastSequence;
        await sleep(20);
      }
    })();

    for (const text of ['one', 'two', 'three']) await push(text);
    await sleep(150);
    await failover();
    for (const text of ['four', 'five']) await push(text);
    await sleep(1500);
    calling = false;
    await flow;

    expect({ heard, errors }).toEqual({ heard: ['one', 'two', 'three', 'four', 'five'], errors: [] });
    expect(slowestMs).toBeLessThan(3000);
  }, 20_000);

  it('a push still answers ok when the replica does not acknowledge in time, with a warning and a metric', async () => {
    await healthyPair();
    const pushAction = createPushActionHandler({ queue: pushContainer.queue });
    const event = { action: 'speak', companyMarker: COMPANY, guid: 'wait-timeout', speakParams: { text: 'hi' } };
    expect(await pushAction(event)).toEqual({ ok: true });
    replica.pause();
    const emfLines: string[] = [];
    const metrics = createHandlerMetrics('push-action', { environment: {}, emit: (line) => emfLines.push(line) });
    const logs = captureLogs();
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    let reply: unknown;
    try {
      reply = await createPushActionHandler({ queue: pushContainer.queue, metrics })(event);
    } finally {
      process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
      logs.restore();
      replica.resume();
    }
    expect(reply).toEqual({ ok: true });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 'WARN', message: 'action queued before a replica acknowledged it', replicaAckTimedOut: true }),
    );
    expect(emfLines.map((line) => parseEmfLine(line).values)).toEqual([{ [REPLICA_ACK_TIMEOUT_METRIC]: [1], PushAccepted: [1] }]);
  });
});
