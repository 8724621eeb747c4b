import type { LocalValkeyServer } from '@genagent-connect/local-valkey';
import Valkey from 'iovalkey';
import { type AsappAction, createValkeyClient, type ValkeyClient, type ValkeyClientConfig } from '../src';

/** Closes everything a test file opened, whatever happened in the tests. */
export class Cleanup {
  private readonly closers: (() => Promise<unknown>)[] = [];

  client(server: LocalValkeyServer, config: Partial<ValkeyClientConfig> = {}): ValkeyClient {
    const client = createValkeyClient({ host: server.host, port: server.port, ...config });
    this.closers.push(() => client.close());
    return client;
  }

  /** A plain iovalkey connection for inspecting the server (TTL, CLIENT LIST), independent of the code under test. */
  admin(server: LocalValkeyServer): Valkey {
    const admin = new Valkey({ host: server.host, port: server.port, password: server.password });
    this.closers.push(() => admin.quit());
    return admin;
  }

  closer(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  server(server: LocalValkeyServer): LocalValkeyServer {
    this.closers.push(() => server.stop());
    return server;
  }

  async run(): Promise<void> {
    await Promise.allSettled(this.closers.splice(0).reverse().map((close) => close()));
  }
}

export async function elapsedMs<T>(operation: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await operation();
  return { result, ms: performance.now() - started };
}

export async function rejectionWithin(operation: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  try {
    await operation();
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('expected the operation to reject');
}

let callCounter = 0;
/** A fresh call per test, so tests sharing a server never see each other's keys. */
export function newCall(): { companyMarker: string; guid: string } {
  callCounter += 1;
  return { companyMarker: 'acme', guid: `call-${process.pid}-${callCounter}` };
}

export function speak(call: { companyMarker: string; guid: string }, text: string): AsappAction {
  return { action: 'speak', ...call, speakParams: { text } };
}
