import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPullActionHandler, createPushActionHandler, type PullActionResponse, parsePullActionConfig } from '../src';
import { type ContainerActionQueue, createActionQueueFromConfig } from '../src/valkey';
import { contactFlowEvent } from './support/connect-events';
import { containerQueue } from './support/valkey';

const poll = contactFlowEvent({ contactId: 'outage-call', attributes: { ASAPP_CompanyMarker: 'acme' } });
const speak = { action: 'speak', companyMarker: 'acme', guid: 'outage-call', speakParams: { text: 'still here' } };

/** Pulls the call every `intervalMs` for `forMs`, timing each invocation. */
async function pollFor(pullAction: (event: unknown) => Promise<PullActionResponse>, forMs: number, intervalMs: number) {
  const answers: { response: PullActionResponse; elapsedMs: number }[] = [];
  for (const until = performance.now() + forMs; performance.now() < until; ) {
    const startedAt = performance.now();
    const response = await pullAction(poll);
    answers.push({ response, elapsedMs: performance.now() - startedAt });
    await sleep(intervalMs);
  }
  return answers;
}

describe('Valkey stopped, then restarted', () => {
  let server: LocalValkeyServer;
  let pushContainer: ContainerActionQueue;
  let pullContainer: ContainerActionQueue;

  beforeAll(async () => {
    server = await startValkeyServer();
    pushContainer = containerQueue(server, 'push-action');
    pullContainer = containerQueue(server, 'pull-action');
  });
  afterAll(async () => {
    await Promise.all([pushContainer.close(), pullContainer.close()]);
    await server.stop();
  });

  it('answers none within the outage grace, each pull in under 3 s, and works again with the same handlers once back', async () => {
    const pushAction = createPushActionHandler({ queue: pushContainer.queue });
    const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: pullContainer.queue });
    expect(await pullAction(poll)).toMatchObject({ next: 'none' });

    await server.kill();
    const whileDown = await pollFor(pullAction, 2000, 200);
    expect(whileDown.map(({ response }) => response)).toEqual(whileDown.map(() => ({ next: 'none', playBeepBop: 0, pullMode: 'poll' })));
    expect(Math.max(...whileDown.map(({ elapsedMs }) => elapsedMs))).toBeLessThan(3000);
    const pushWhileDown = await pushAction(speak);
    expect(pushWhileDown).toEqual({ ok: false, errorMessage: expect.stringMatching(/^error connecting to Valkey - .*refused the connection \(connect ECONNREFUSED [^)]*\)$/) });

    await server.restart();
    expect(await pushAction(speak)).toEqual({ ok: true });
    expect(await pullAction(poll)).toMatchObject({ next: 'speak', text: 'still here' });
  });
});

describe('an outage longer than the grace', () => {
  let server: LocalValkeyServer;
  let container: ContainerActionQueue;

  beforeAll(async () => {
    server = await startValkeyServer();
    container = containerQueue(server, 'pull-action');
  });
  afterAll(async () => {
    await container.close();
    await server.stop();
  });

  it('ends the call with error naming the cause once the call has failed for VALKEY_OUTAGE_GRACE_SECONDS, counting again after a recovery', async () => {
    const clock = { nowMs: 1_767_225_600_000 };
    const pullAction = createPullActionHandler({
      config: parsePullActionConfig({ VALKEY_OUTAGE_GRACE_SECONDS: '20' }),
      queue: container.queue,
      clock: () => clock.nowMs,
    });
    const pullAt = (seconds: number) => {
      clock.nowMs = 1_767_225_600_000 + seconds * 1000;
      return pullAction(poll);
    };
    expect(await pullAt(0)).toMatchObject({ next: 'none' });
    await server.stop();
    expect(await pullAt(1)).toMatchObject({ next: 'none' });
    expect(await pullAt(20.999)).toMatchObject({ next: 'none' });
    const ended = await pullAt(21);
    expect(ended).toMatchObject({ next: 'error', playBeepBop: 0, pullMode: 'poll' });
    expect(ended.text).toMatch(/^error connecting to Valkey - .* \(failing for 20 s, valkeyOutageGraceSeconds 20\)$/);

    await server.restart();
    expect(await pullAt(30)).toMatchObject({ next: 'none' });
    await server.stop();
    expect(await pullAt(45)).toMatchObject({ next: 'none' });
    await server.restart();
  });

  it('answers error at once with VALKEY_OUTAGE_GRACE_SECONDS 0', async () => {
    const pullAction = createPullActionHandler({
      config: parsePullActionConfig({ VALKEY_OUTAGE_GRACE_SECONDS: '0' }),
      queue: container.queue,
    });
    await server.stop();
    const whileDown = await pullAction(poll);
    await server.restart();
    expect(whileDown).toMatchObject({ next: 'error', text: expect.stringMatching(/^error connecting to Valkey - /) });
  });
});

describe('Valkey paused (SIGSTOP) for 3 s', () => {
  let server: LocalValkeyServer;
  let container: ContainerActionQueue;

  beforeAll(async () => {
    server = await startValkeyServer();
    container = containerQueue(server, 'pull-action');
  });
  afterAll(async () => {
    server.resume();
    await container.close();
    await server.stop();
  });

  it('poll mode: no pull answers error or takes 3 s, and the call goes on once it wakes', async () => {
    const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: container.queue });
    expect(await pullAction(poll)).toMatchObject({ next: 'none' });
    server.pause();
    const whilePaused = await pollFor(pullAction, 3000, 100);
    server.resume();
    expect(new Set(whilePaused.map(({ response }) => response.next))).toEqual(new Set(['none']));
    expect(Math.max(...whilePaused.map(({ elapsedMs }) => elapsedMs))).toBeLessThan(3000);
    await container.queue.push(speak);
    expect(await pullAction(poll)).toMatchObject({ next: 'speak' });
  });

  it('push: a write whose reply was lost says its outcome is unknown (it may run when the server wakes)', async () => {
    const pushAction = createPushActionHandler({ queue: container.queue });
    expect(await pushAction(speak)).toEqual({ ok: true });
    server.pause();
    const reply = await pushAction(speak);
    server.resume();
    expect(reply).toEqual({
      ok: false,
      errorMessage: expect.stringMatching(/^error connecting to Valkey - Valkey timed out: .*: outcome unknown, the action may have been stored$/),
    });
  });

  it('long-poll: answers none (with the cue while processing) paced by the wait, not error and not at once', async () => {
    const pullAction = createPullActionHandler({
      config: parsePullActionConfig({ PULL_WAIT_MS: '2500' }),
      queue: container.queue,
    });
    // Connected and idle, as a warm container is when the server stops answering.
    await container.queue.push(speak);
    expect(await pullAction(poll)).toMatchObject({ next: 'speak', pullMode: 'longPoll' });

    server.pause();
    const processingPoll = contactFlowEvent({
      contactId: 'outage-call',
      attributes: { ASAPP_CompanyMarker: 'acme' },
      parameters: { processing: '1' },
    });
    const startedAt = performance.now();
    const whileSilent = await pullAction(processingPoll);
    const elapsedMs = performance.now() - startedAt;
    server.resume();
    expect(whileSilent).toEqual({ next: 'none', playBeepBop: 1, pullMode: 'longPoll', processing: 1 });
    // Paced to about a second, so the module's loop does not spin on a failing Valkey; bounded well under 3 s.
    expect(elapsedMs).toBeGreaterThanOrEqual(900);
    expect(elapsedMs).toBeLessThan(3000);
  });
});

describe('Valkey AUTH token from Secrets Manager', () => {
  const tokenArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:valkey-auth-AbCdEf';
  let server: LocalValkeyServer;

  beforeAll(async () => {
    server = await startValkeyServer({ password: 'valkey-auth-token' });
  });
  afterAll(() => server.stop());

  it('connects with the token read from the secret, retrying the read after a failure', async () => {
    let reads = 0;
    const container = createActionQueueFromConfig(
      { host: server.host, port: server.port, tls: false, auth: { kind: 'secret', secretArn: tokenArn }, replicas: 0 },
      'push-action',
      async (arn, { json }) => {
        reads += 1;
        if (reads === 1) throw new Error('ThrottlingException');
        return arn === tokenArn && !json ? 'valkey-auth-token' : undefined;
      },
    );
    try {
      const pushAction = createPushActionHandler({ queue: container.queue });
      expect(await pushAction(speak)).toEqual({
        ok: false,
        errorMessage: `error connecting to Valkey - could not read Valkey AUTH secret ${tokenArn} - ThrottlingException`,
      });
      expect(await pushAction(speak)).toEqual({ ok: true });
      expect(reads).toBe(2);
    } finally {
      await container.close();
    }
  });
});
