import {
  AsappApiError,
  AsappClient,
  AsappClientError,
  type AsappCredentialsSource,
  AsappTimeoutError,
  asappCredentialsSchema,
  type RequestOptions,
} from '@genagent-connect/asapp-client';
import type { AsappConfig, AsappCredentialsConfig } from './config/asapp-config';
import type { AsappOutcome } from './metrics/catalog';
import { errorMessageOf } from './errors';
import type { ContactLogger } from './logging';
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

/** ASAPP's error envelope as we pass it on: always the three keys its module's type names, null when ASAPP sent none. */
export interface AsappErrorResponse {
  readonly requestId: string | null;
  readonly code: string | null;
  readonly message: string | null;
}

/**
 * Facts about a failed ASAPP call, for the flow and the logs. `errorMessage` follows ASAPP's module: `<code> -
 * <message>` when ASAPP's error body has them (either alone when only one is there, the status standing in for a
 * missing code), `HTTP status <n>` and a short excerpt of the body when it has neither (a proxy's page, an empty
 * body); otherwise a short description. Never the API id or secret: the client redacts them from what ASAPP sent.
 */
export interface AsappFailure {
  /** 0 when there was no HTTP response. */
  readonly statusCode: number;
  readonly asappError: AsappErrorResponse | null;
  readonly errorMessage: string;
  /** HTTP attempts made (2 when the client retried). */
  readonly attempts: number;
  /** The failure's kind, for the outcome metric and the log line's `outcome` field. */
  readonly outcome: Exclude<AsappOutcome, 'success'>;
}

export function describeAsappFailure(error: unknown): AsappFailure {
  if (error instanceof AsappApiError) {
    const { status, asappError, bodyExcerpt, attempts } = error;
    return {
      statusCode: status,
      asappError: asappError && {
        requestId: asappError.requestId ?? null,
        code: asappError.code ?? null,
        message: asappError.message ?? null,
      },
      errorMessage: apiErrorMessage(status, asappError?.code, asappError?.message, bodyExcerpt),
      attempts,
      outcome: status >= 500 ? 'asapp5xx' : 'asapp4xx',
    };
  }
  if (error instanceof AsappTimeoutError) {
    const tries = error.attempts > 1 ? ` (${error.attempts} attempts)` : '';
    return {
      statusCode: 0,
      asappError: null,
      errorMessage: `ASAPP request timed out after ${error.timeoutMs} ms${tries}`,
      attempts: error.attempts,
      outcome: 'timeout',
    };
  }
  // Network and invalid-response messages say what happened in a few words and never hold the secret.
  if (error instanceof AsappClientError) {
    return {
      statusCode: 0,
      asappError: null,
      errorMessage: error.message,
      attempts: error.attempts,
      outcome: error.kind === 'invalid-response' ? 'invalidResponse' : 'network',
    };
  }
  // An unreadable or malformed credentials secret is the deployment's to fix, like a bad environment variable.
  if (error instanceof SecretError) {
    return { statusCode: 0, asappError: null, errorMessage: error.message, attempts: 0, outcome: 'configuration' };
  }
  // Anything else failed the exchange in a way the client does not classify: counted with the network failures.
  return {
    statusCode: 0,
    asappError: null,
    errorMessage: `unexpected error - ${errorMessageOf(error)}`,
    attempts: 0,
    outcome: 'network',
  };
}

function apiErrorMessage(status: number, code: string | undefined, message: string | undefined, excerpt: string): string {
  if (code || message) return [code || `HTTP status ${status}`, message].filter(Boolean).join(' - ');
  return excerpt ? `HTTP status ${status}: ${excerpt}` : `HTTP status ${status}`;
}

/** Per-call client options that log the one retry the client may make, on the invocation's logger. */
export function loggedRetries(log: ContactLogger): RequestOptions {
  return {
    onRetry: (failure) => log.warn('retrying ASAPP request', { operation: failure.operation, reason: failure.message }),
  };
}
