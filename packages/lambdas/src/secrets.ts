/** Seconds a fetched secret is reused before Secrets Manager is asked again (rotation shows up within this). */
const SECRET_CACHE_SECONDS = 300;

/** Reads a secret's value; `json` parses it. Injected in tests, where AWS is the only thing mocked. */
export type SecretReader = (secretArn: string, options: { readonly json: boolean }) => Promise<unknown>;

/**
 * Powertools Parameters: cached per container for SECRET_CACHE_SECONDS. Loaded on first use so that functions which
 * never read a secret (local runs, Valkey without AUTH) do not pay for loading the AWS SDK at cold start.
 */
export const readSecretFromSecretsManager: SecretReader = async (secretArn, { json }) => {
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  return json
    ? getSecret(secretArn, { maxAge: SECRET_CACHE_SECONDS, transform: 'json' })
    : getSecret(secretArn, { maxAge: SECRET_CACHE_SECONDS });
};

/** A secret could not be read or has the wrong shape. The message names the secret's ARN, never its value. */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}
