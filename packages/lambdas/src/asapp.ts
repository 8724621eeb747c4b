import {
  AsappApiError,
  AsappClient,
  AsappClientError,
  type AsappCredentialsSource,
  type AsappErrorDetail,
  AsappTimeoutError,
  asappCredentialsSchema,
} from '@genagent-connect/asapp-client';
import type { AsappConfig, AsappCredentialsConfig } from './config/asapp-config';
import type { AsappOutcome } from './metrics/catalog';
import { errorMessageOf } from './errors';
import { readSecretFromSecretsManager, SecretError, type SecretReader } from './secrets';

/** Static credentials as they are; a secret ARN becomes a provider the client calls per request (the reader caches). */
export function asappCredentials(
  config: AsappCredentialsConfig,
  readSecret: SecretReader = readSecretFromSecretsManager,
): AsappCredentialsSource {
  if (config.kind === 'static') return { apiId: config.apiId, apiSecret: config.apiSecret };
  const { secretArn } = config;
  return async () => {
    let value: unknown;
    try {
      value = await readSecret(secretArn, { json: true });
    } catch (error) {
      throw new SecretError(`could not read ASAPP credentials secret ${secretArn} - ${errorMessageOf(error)}`);
    }
    // Checked here so the message names the secret; the client's own check could only say "the provider".
    const parsed = asappCredentialsSchema.safeParse(value);
    if (!parsed.success) {
      throw new SecretError(
        `ASAPP credentials secret ${secretArn} must hold JSON {"apiId": "...", "apiSecret": "..."}, both non-empty printable ASCII`,
      );
    }
    return parsed.data;
  };
}

export function createAsappClientFromConfig(config: AsappConfig, readSecret?: SecretReader): AsappClient {
  return new AsappClient({
    host: config.host,
    timeoutMs: config.timeoutMs,
    credentials: asappCredentials(config.credentials, readSecret),
  });
}

/**
 * Facts about a failed ASAPP call, for the flow and the logs. `errorMessage` follows ASAPP's module: `<code> -
 * <message>` when ASAPP sent its error body, `HTTP status <n>` when not; otherwise a short description.
 */
export interface AsappFailure {
  /** 0 when there was no HTTP response. */
  readonly statusCode: number;
  readonly asappError: AsappErrorDetail | null;
  readonly errorMessage: string;
  /** The failure's kind, for the outcome metric and the log line's `outcome` field. */
  readonly outcome: Exclude<AsappOutcome, 'success'>;
}

export function describeAsappFailure(error: unknown): AsappFailure {
  if (error instanceof AsappApiError) {
    const { status, asappError } = error;
    return {
      statusCode: status,
      asappError,
      errorMessage: asappError ? `${asappError.code} - ${asappError.message}` : `HTTP status ${status}`,
      outcome: status >= 500 ? 'asapp5xx' : 'asapp4xx',
    };
  }
  if (error instanceof AsappTimeoutError) {
    return {
      statusCode: 0,
      asappError: null,
      errorMessage: `ASAPP request timed out after ${error.timeoutMs} ms`,
      outcome: 'timeout',
    };
  }
  // Network and invalid-response messages say what happened in a few words and never hold the secret.
  if (error instanceof AsappClientError) {
    return {
      statusCode: 0,
      asappError: null,
      errorMessage: error.message,
      outcome: error.kind === 'invalid-response' ? 'invalidResponse' : 'network',
    };
  }
  // An unreadable or malformed credentials secret is the deployment's to fix, like a bad environment variable.
  if (error instanceof SecretError) {
    return { statusCode: 0, asappError: null, errorMessage: error.message, outcome: 'configuration' };
  }
  // Anything else failed the exchange in a way the client does not classify: counted with the network failures.
  return { statusCode: 0, asappError: null, errorMessage: `unexpected error - ${errorMessageOf(error)}`, outcome: 'network' };
}
