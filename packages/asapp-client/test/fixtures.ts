import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import { AsappClient, type AsappClientOptions, AsappClientError, type EngageInput } from '../src';

export const engageInput: EngageInput = {
  guid: 'contact-1',
  customerId: '+15551230000',
  streamArn: 'arn:aws:kinesisvideo:us-east-1:111122223333:stream/connect-contact-1/1',
  inputVariables: { taskName: 'billing', accountId: 'A-42' },
};

/** A fresh emulator per test and a client pointed at it. */
export function useEmulator(clientOptions: Partial<AsappClientOptions> = {}) {
  const context = {} as { emulator: AsappEmulator; client: AsappClient };
  beforeEach(async () => {
    context.emulator = await startAsappEmulator();
    context.client = new AsappClient({ host: context.emulator.url, credentials: context.emulator.credentials, ...clientOptions });
  });
  afterEach(async () => {
    await context.emulator.close();
  });
  return context;
}

/** The error a promise rejects with, checked to be one of ours. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AsappClientError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AsappClientError)) throw new Error(`expected an AsappClientError, got ${String(error)}`);
  return error;
}
