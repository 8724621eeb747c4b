import * as z from 'zod';
import { ConfigError } from './config-error';
import { booleanVariable, type Environment, integerVariable, readEnvironment, requiredString } from './environment';
import { secretArn } from './secret-arn';

/** Where the AUTH token comes from, if the server wants one. */
export type ValkeyAuthSource =
  | { readonly kind: 'secret'; readonly secretArn: string }
  | { readonly kind: 'password'; readonly password: string };

/** The Valkey primary endpoint push-action and pull-action talk to. */
export interface ValkeyConfig {
  readonly host: string;
  /** Default 6379. */
  readonly port: number;
  /** In-transit encryption. Default false. */
  readonly tls: boolean;
  /** Undefined when the server needs no AUTH. */
  readonly auth: ValkeyAuthSource | undefined;
  /**
   * Read replicas of the cache (VALKEY_REPLICAS). With 1 or more, push-action answers `ok: true` once a replica has the
   * write (WAIT, bounded), so a failover does not lose it. Default 0.
   */
  readonly replicas: number;
}

export function parseValkeyConfig(environment: Environment): ValkeyConfig {
  const values = readEnvironment(environment, {
    VALKEY_HOST: { schema: requiredString, fix: "set it to the Valkey primary endpoint's host name (no port)" },
    VALKEY_PORT: {
      schema: integerVariable(1, 65535, 6379),
      fix: "set it to the primary endpoint's port (1-65535), or leave it unset for 6379",
    },
    VALKEY_TLS: { schema: booleanVariable(false), fix: 'set it to "true" when in-transit encryption is on, else "false"' },
    VALKEY_AUTH_SECRET_ARN: {
      schema: secretArn.optional(),
      fix: 'set it to the ARN of the Secrets Manager secret holding the AUTH token, or leave it unset',
    },
    VALKEY_PASSWORD: { schema: z.string().optional(), fix: 'set it to the AUTH password (local runs only)' },
    VALKEY_REPLICAS: {
      schema: integerVariable(0, 5, 0),
      fix: "set it to the cache's number of read replicas (0-5), or leave it unset for 0",
    },
  });
  if (values.VALKEY_AUTH_SECRET_ARN && !values.VALKEY_TLS) {
    throw new ConfigError(
      'VALKEY_AUTH_SECRET_ARN',
      'an AUTH token needs in-transit encryption',
      'set VALKEY_TLS to "true" (ElastiCache accepts AUTH only with TLS), or unset VALKEY_AUTH_SECRET_ARN',
    );
  }
  return {
    host: values.VALKEY_HOST,
    port: values.VALKEY_PORT,
    tls: values.VALKEY_TLS,
    auth: values.VALKEY_AUTH_SECRET_ARN
      ? { kind: 'secret', secretArn: values.VALKEY_AUTH_SECRET_ARN }
      : values.VALKEY_PASSWORD
        ? { kind: 'password', password: values.VALKEY_PASSWORD }
        : undefined,
    replicas: values.VALKEY_REPLICAS,
  };
}
