import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import {
  callTransferHandlerFromEnvironment,
  createPullActionHandler,
  createPushActionHandler,
  engageHandlerFromEnvironment,
  maskPhoneNumber,
  parsePullActionConfig,
} from '../src';
import type { ContainerActionQueue } from '../src/valkey';
import { asappEnvironment } from './support/asapp-environment';
import { CALLER_NUMBER, contactFlowEvent } from './support/connect-events';
import { captureLogs, type LogCapture } from './support/log-capture';
import { containerQueue } from './support/valkey';

describe('maskPhoneNumber', () => {
  it.each([
    ['+15551239876', '+1******9876'],
    ['5551239876', '5*****9876'],
    ['+4420', '*****'],
  ])('%s → %s', (phoneNumber, masked) => {
    expect(maskPhoneNumber(phoneNumber)).toBe(masked);
  });
});

describe('handler logs', () => {
  let emulator: AsappEmulator;
  let server: LocalValkeyServer;
  let container: ContainerActionQueue;
  let logs: LogCapture;

  beforeAll(async () => {
    [emulator, server] = await Promise.all([startAsappEmulator(), startValkeyServer()]);
    container = containerQueue(server, 'logging');
  });
  afterAll(async () => {
    await Promise.all([container.close(), emulator.close()]);
    await server.stop();
  });
  beforeEach(() => {
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    logs = captureLogs();
  });
  afterEach(() => {
    logs.restore();
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  });

  it('carry the contact id on every line, reset between invocations of a warm container', async () => {
    const engage = engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) });
    await engage(contactFlowEvent({ contactId: 'call-a' }));
    const linesForA = logs.lines.length;
    await engage(contactFlowEvent({ contactId: 'call-b', streamArn: null }));
    await engage({ Details: 'malformed' });
    const lines = logs.lines;
    expect(linesForA).toBeGreaterThan(0);
    expect(lines.slice(0, linesForA).every((line) => line.contactId === 'call-a')).toBe(true);
    const rest = lines.slice(linesForA);
    expect(rest.filter((line) => line.contactId === 'call-b').map((line) => line.message)).toEqual(['engage refused']);
    expect(rest.filter((line) => line.contactId === 'unknown').map((line) => line.message)).toEqual(['rejected event']);
    expect(rest).toHaveLength(2);
  });

  it('carry the call id (guid) on push-action and pull-action lines, per-poll lines at debug', async () => {
    const pushAction = createPushActionHandler({ queue: container.queue });
    const pullAction = createPullActionHandler({ config: parsePullActionConfig({}), queue: container.queue });
    const poll = contactFlowEvent({ contactId: 'call-c', attributes: { ASAPP_CompanyMarker: 'acme' } });
    await pushAction({ action: 'speak', companyMarker: 'acme', guid: 'call-c', speakParams: { text: 'hello' } });
    await pullAction(poll);
    await pullAction(poll);
    expect(logs.lines.map(({ level, message, contactId }) => ({ level, message, contactId }))).toEqual([
      { level: 'INFO', message: 'action queued', contactId: 'call-c' },
      { level: 'INFO', message: 'action pulled', contactId: 'call-c' },
      { level: 'DEBUG', message: 'no action', contactId: 'call-c' },
    ]);
  });

  it('never mix ids between invocations running side by side in one process', async () => {
    const pushAction = createPushActionHandler({ queue: container.queue });
    const actions = ['speak', 'processingStart', 'processingEnd', 'disengage'];
    await Promise.all(
      actions.flatMap((action) =>
        Array.from({ length: 5 }, () =>
          pushAction({ action, companyMarker: 'acme', guid: `side-by-side-${action}`, speakParams: { text: 'x' } }),
        ),
      ),
    );
    const queued = logs.lines.filter((line) => line.message === 'action queued');
    expect(queued).toHaveLength(20);
    for (const line of queued) expect(line.contactId).toBe(`side-by-side-${line.action}`);
  });

  it('never contain the ASAPP secret or the full caller number', async () => {
    const secret = emulator.credentials.apiSecret;
    await engageHandlerFromEnvironment({ environment: asappEnvironment(emulator) })(contactFlowEvent({ contactId: 'call-d' }));
    await engageHandlerFromEnvironment({ environment: asappEnvironment(emulator, { ASAPP_API_SECRET: `${secret}-wrong` }) })(
      contactFlowEvent({ contactId: 'call-d' }),
    );
    await callTransferHandlerFromEnvironment({ environment: asappEnvironment(emulator) })(contactFlowEvent({ contactId: 'call-d' }));
    const raw = logs.raw();
    expect(logs.lines.length).toBeGreaterThanOrEqual(6);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(CALLER_NUMBER);
    expect(raw).toContain(maskPhoneNumber(CALLER_NUMBER));
    expect(logs.lines.find((line) => line.message === 'engage failed')).toMatchObject({ level: 'ERROR', statusCode: 401 });
  });
});
