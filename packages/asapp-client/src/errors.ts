import type { AsappErrorDetail } from './schemas';

export type AsappOperation = 'engage' | 'createCallTransfer' | 'getCallTransfer';
export type AsappClientErrorKind = 'api' | 'timeout' | 'network' | 'invalid-response';

/**
 * Base of every error the client throws; switch on `kind`. Messages and fields never contain the API secret: they are
 * built only from the operation, status, timings and ASAPP's error body (redacted by the client).
 */
export abstract class AsappClientError extends Error {
  abstract readonly kind: AsappClientErrorKind;

  constructor(
    readonly operation: AsappOperation,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`ASAPP ${operation} failed: ${message}`, options);
    this.name = new.target.name;
  }
}

/** ASAPP answered with a non-2xx status. */
export class AsappApiError extends AsappClientError {
  readonly kind = 'api';

  constructor(
    operation: AsappOperation,
    readonly status: number,
    readonly statusText: string,
    /** ASAPP's `{error: {requestId, code, message}}` when the body had that shape, else null. */
    readonly asappError: AsappErrorDetail | null,
  ) {
    const detail = asappError ? ` (${asappError.code} - ${asappError.message}, requestId ${asappError.requestId})` : '';
    super(operation, `HTTP ${status}${statusText ? ` ${statusText}` : ''}${detail}`);
  }
}

/** No complete answer within `timeoutMs`. */
export class AsappTimeoutError extends AsappClientError {
  readonly kind = 'timeout';

  constructor(
    operation: AsappOperation,
    readonly timeoutMs: number,
  ) {
    super(operation, `no response within ${timeoutMs} ms`);
  }
}

/** ASAPP could not be reached or the connection broke (DNS, refused, reset, TLS). */
export class AsappNetworkError extends AsappClientError {
  readonly kind = 'network';

  constructor(operation: AsappOperation, reason: string, options?: ErrorOptions) {
    super(operation, `network error: ${reason}`, options);
  }
}

/** ASAPP answered 2xx but the body is not what its documentation describes. */
export class AsappInvalidResponseError extends AsappClientError {
  readonly kind = 'invalid-response';

  constructor(
    operation: AsappOperation,
    readonly status: number,
    readonly problems: string,
  ) {
    super(operation, `unexpected response body (HTTP ${status}): ${problems}`);
  }
}
