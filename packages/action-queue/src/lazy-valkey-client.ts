import { createValkeyClient, type ValkeyClient, type ValkeyClientConfig } from './valkey-client';

/**
 * Returns a getter that creates the client on first call and hands out the same one afterwards, so a Lambda
 * container keeps one connection across invocations. The config may be async (e.g. an AUTH token from Secrets
 * Manager); if loading it fails, the next call tries again instead of caching the failure.
 */
export function lazyValkeyClient(
  loadConfig: () => ValkeyClientConfig | Promise<ValkeyClientConfig>,
): () => Promise<ValkeyClient> {
  let client: Promise<ValkeyClient> | undefined;
  return () => {
    client ??= Promise.resolve()
      .then(loadConfig)
      .then(createValkeyClient)
      .catch((error: unknown) => {
        client = undefined;
        throw error;
      });
    return client;
  };
}
