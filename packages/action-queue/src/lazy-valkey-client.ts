import { createValkeyClient, DEFAULT_VALKEY_TIMEOUT_MS, type ValkeyClient, type ValkeyClientConfig } from './valkey-client';

export interface LazyValkeyClientConfig extends Omit<ValkeyClientConfig, 'password'> {
  /** Resolves the AUTH token (e.g. from Secrets Manager) on first use. Default: no AUTH. */
  readonly loadPassword?: () => Promise<string | undefined>;
}

/**
 * A client that loads its password and connects on first use, then serves every later call with the same
 * connection: one per Lambda container. If loading the password fails, the next call tries again rather than
 * keeping the failure for the container's life.
 */
export function lazyValkeyClient(config: LazyValkeyClientConfig): ValkeyClient {
  const { loadPassword, ...connection } = config;
  let client: Promise<ValkeyClient> | undefined;
  const open = () => {
    client ??= Promise.resolve()
      .then(loadPassword)
      .then((password) => createValkeyClient({ ...connection, password }))
      .catch((error: unknown) => {
        client = undefined;
        throw error;
      });
    return client;
  };
  return {
    commandTimeoutMs: config.commandTimeoutMs ?? DEFAULT_VALKEY_TIMEOUT_MS,
    run: async (operation) => (await open()).run(operation),
    close: async () => {
      await (await client?.catch(() => undefined))?.close();
    },
  };
}
