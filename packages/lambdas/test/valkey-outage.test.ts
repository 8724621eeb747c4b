import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { createPullActionHandler, createPushActionHandler, parsePullActionConfig } from '../src';
import { type ContainerActionQueue, createActionQueueFromConfig } from '../src/valkey';
import { contactFlowEvent } from './support/connect-events';
import { containerQueue } from './support/valkey';

const poll = contactFlowEvent({ contactId: 'outage-call', attributes: { ASAPP_CompanyMarker: 'acme' } });
const speak = { action: 'speak', companyMarker: 'acme', guid: 'outage-call', speakParams: { text: 'still here' } };

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

  it('answers next "error" in under 1 s while down, and works again with the same handlers once back', async () => {
    const pushAction = createPushActionHandler({ queue: pushContainer.queue });
    const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: pullContainer.queue });
    expect(await pullAction(poll)).toMatchObject({ next: 'none' });

    await server.stop();
    const startedAt = performance.now();
    const whileDown = await pullAction(poll);
    const elapsedMs = performance.now() - startedAt;
    expect(whileDown).toMatchObject({ next: 'error', playBeepBop: 0, pullMode: 'poll' });
    expect(whileDown.text).toMatch(/^error connecting to Valkey - /);
    expect(elapsedMs).toBeLessThan(1000);
    const pushWhileDown = await pushAction(speak);
    expect(pushWhileDown).toEqual({ ok: false, errorMessage: expect.stringMatching(/^error connecting to Valkey - /) });

    await server.restart();
    expect(await pushAction(speak)).toEqual({ ok: true });
    expect(await pullAction(poll)).toMatchObject({ next: 'speak', text: 'still here' });
  });
});

describe('Valkey going silent under a long-poll', () => {
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

  it('answers next "error" in under 1 s, not after the whole wait', async () => {
    const pullAction = createPullActionHandler({
      config: parsePullActionConfig({ PULL_WAIT_MS: '2500' }),
      queue: container.queue,
    });
    // Connected and idle, as a warm container is when the server stops answering.
    await container.queue.push(speak);
    expect(await pullAction(poll)).toMatchObject({ next: 'speak', pullMode: 'longPoll' });

    server.pause();
    const startedAt = performance.now();
    const whileSilent = await pullAction(poll);
    const elapsedMs = performance.now() - startedAt;
    expect(whileSilent).toMatchObject({ next: 'error', pullMode: 'longPoll' });
    expect(whileSilent.text).toMatch(/^error connecting to Valkey - /);
    expect(elapsedMs).toBeLessThan(1000);
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
      { host: server.host, port: server.port, tls: false, auth: { kind: 'secret', secretArn: tokenArn } },
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
