import type { AsappEmulator } from '@genagent-connect/asapp-emulator';
import type { Environment } from '../../src';

/** The variables engage, call-transfer and call-context read, pointing at a local emulator. */
export function asappEnvironment(emulator: AsappEmulator, overrides: Environment = {}): Environment {
  return {
    ASAPP_API_HOST: emulator.url,
    ASAPP_API_ID: emulator.credentials.apiId,
    ASAPP_API_SECRET: emulator.credentials.apiSecret,
    ...overrides,
  };
}
