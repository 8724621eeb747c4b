import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { parseScenario, type SandboxServices, ScenarioError, SetupError, startSandboxServices } from '../src';
import { simulate } from './helpers';

// Whole calls against a real Valkey and the emulator: a generous limit, so a loaded CI machine cannot trip it.
jest.setTimeout(30_000);

describe('VALKEY_URL', () => {
  let existing: LocalValkeyServer;
  let services: SandboxServices;

  beforeAll(async () => {
    existing = await startValkeyServer({ password: 'sandbox-test-password' });
    services = await startSandboxServices({ valkeyUrl: existing.url });
  });

  afterAll(async () => {
    await services.close();
    await existing.stop();
  });

  it('points the handlers at that server (AUTH included) instead of starting one', async () => {
    expect(services.valkey).toEqual({ host: existing.host, port: existing.port, password: 'sandbox-test-password' });
    const scenario = parseScenario(
      {
        conversation: [
          { atMs: 0, push: { action: 'speak', speakParams: { text: 'Hello.' } } },
          { atMs: 2000, push: { action: 'disengage' } },
        ],
      },
      'test',
      'external-valkey',
    );
    const { transcript } = await simulate(services, scenario);
    expect(transcript.outcome.disposition).toBe('disengage');
    expect(transcript.utterances).toHaveLength(1);
  });

  it('cannot stop a server the sandbox did not start', async () => {
    const scenario = parseScenario({ conversation: [{ atMs: 0, fault: 'stopValkey' }] }, 'test', 'fault');
    await expect(simulate(services, scenario)).rejects.toThrow(
      new ScenarioError('fault "stopValkey" needs a Valkey server the sandbox started itself: unset VALKEY_URL'),
    );
  });

  it.each([
    ['not a url', 'VALKEY_URL must look like redis://[:password@]host:port'],
    ['rediss://127.0.0.1:6380', 'VALKEY_URL must use redis://'],
  ])('rejects %s as setup the user must fix', async (url, message) => {
    const attempt = startSandboxServices({ valkeyUrl: url });
    await expect(attempt).rejects.toThrow(SetupError);
    await expect(attempt).rejects.toThrow(message);
  });
});
