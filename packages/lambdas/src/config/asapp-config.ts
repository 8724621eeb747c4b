import { asappHostSchema } from '@genagent-connect/asapp-client';
import * as z from 'zod';
import { ConfigError } from './config-error';
import { type Environment, integerVariable, readEnvironment } from './environment';
import { secretArn } from './secret-arn';

/** Where the ASAPP API credentials come from. */
export type AsappCredentialsConfig =
  | { readonly kind: 'secret'; readonly secretArn: string }
  | { readonly kind: 'static'; readonly apiId: string; readonly apiSecret: string };

/** What engage, call-transfer and call-context need to reach ASAPP. */
export interface AsappConfig {
  /** Origin such as `https://api.asapp.com` (the variable may omit the scheme; http only for loopback emulators). */
  readonly host: string;
  /** Budget of each ASAPP call, secret read and retry included. Default `DEFAULT_ASAPP_TIMEOUT_MS`. */
  readonly timeoutMs: number;
  readonly credentials: AsappCredentialsConfig;
}

/**
 * The flows give engage, call-transfer and call-context 8000 ms (InvocationTimeLimitSeconds 8, Connect's maximum).
 * Of those, 1000 ms are kept for a cold start (Lambda init before the handler runs) and 500 ms for the answer to
 * travel back to Connect: 8000 - 1000 - 500 = 6500 ms for the ASAPP call, the credentials secret read and the one
 * retry included. So an engage ASAPP answers in 6 s still succeeds, and the Lambda always answers before the flow
 * gives up and takes its error branch without a message.
 */
const DEFAULT_ASAPP_TIMEOUT_MS = 6500;

export function parseAsappConfig(environment: Environment): AsappConfig {
  const values = readEnvironment(environment, {
    ASAPP_API_HOST: {
      schema: asappHostSchema,
      fix: 'set it to the ASAPP API host, e.g. api.asapp.com or https://api.asapp.com',
    },
    ASAPP_TIMEOUT_MS: {
      schema: integerVariable(100, 7000, DEFAULT_ASAPP_TIMEOUT_MS),
      fix: `set it to whole milliseconds between 100 and 7000 (the flow waits 8 s), or leave it unset for ${DEFAULT_ASAPP_TIMEOUT_MS}`,
    },
    ASAPP_CREDENTIALS_SECRET_ARN: {
      schema: secretArn.optional(),
      fix: 'set it to the ARN of a Secrets Manager secret holding {"apiId": "...", "apiSecret": "..."}',
    },
    ASAPP_API_ID: { schema: z.string().optional(), fix: 'set it to the API id ASAPP gave you (local runs only)' },
    ASAPP_API_SECRET: { schema: z.string().optional(), fix: 'set it to the API secret (local runs only)' },
  });
  return {
    host: values.ASAPP_API_HOST,
    timeoutMs: values.ASAPP_TIMEOUT_MS,
    credentials: credentialsSource(values),
  };
}

function credentialsSource(values: {
  ASAPP_CREDENTIALS_SECRET_ARN?: string | undefined;
  ASAPP_API_ID?: string | undefined;
  ASAPP_API_SECRET?: string | undefined;
}): AsappCredentialsConfig {
  if (values.ASAPP_CREDENTIALS_SECRET_ARN) return { kind: 'secret', secretArn: values.ASAPP_CREDENTIALS_SECRET_ARN };
  const { ASAPP_API_ID: apiId, ASAPP_API_SECRET: apiSecret } = values;
  if (apiId && apiSecret) return { kind: 'static', apiId, apiSecret };
  if (apiId) throw new ConfigError('ASAPP_API_SECRET', 'not set', 'set it together with ASAPP_API_ID (local runs only)');
  if (apiSecret) throw new ConfigError('ASAPP_API_ID', 'not set', 'set it together with ASAPP_API_SECRET (local runs only)');
  throw new ConfigError(
    'ASAPP_CREDENTIALS_SECRET_ARN',
    'not set',
    'set it to the ARN of a Secrets Manager secret holding {"apiId": "...", "apiSecret": "..."} (or, for local runs only, set ASAPP_API_ID and ASAPP_API_SECRET)',
  );
}
