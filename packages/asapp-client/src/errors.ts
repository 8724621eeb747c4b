import type { AsappErrorDetail } from './schemas';

export type AsappOperation = 'engage' | 'createCallTransfer' | 'getCallTransfer';
export type AsappClientErrorKind = 'api' | 'timeout' | 'network' | 'invalid-response';

export interface AsappClientErrorOptions extends ErrorOptions {
  /** HTTP attempts made, the retry included (1 or 2). Default 1. */
  readonly attempts?: number;
}

/**
 * Base of every error the client throws; switch on `kind`. Messages and fields never contain the API id or secret:
 * they are built only from the operation, status, timings and what ASAPP answered (redacted by the client).
 */
export abstract class AsappClientError extends Error {
  abstract readonly kind: AsappClientErrorKind;
  /** HTTP attempts made before giving up (2 when the client retried). */
  readonly attempts: number;

  constructor(
    readonly operation: AsappOperation,
    message: string,
    options?: AsappClientErrorOptions,
  ) {
    const attempts = options?.attempts ?? 1;
    super(`ASAPP ${operation} failed: ${message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, options);
    this.name = new.target.name;
    this.attempts = attempts;
  }
}

/** ASAPP answered with a non-2xx status. */
export class AsappApiError extends AsappClientError {
  readonly kind = 'api';

  constructor(
    operation: AsappOperation,
    readonly status: number,
    readonly statusText: string,
    /** What ASAPP's `{error: {requestId, code, message}}` envelope held (any subset), or null without one. */
    readonly asappError: AsappErrorDetail | null,
    /** The body, tags dropped, whitespace collapsed, at most `BODY_EXCERPT_LENGTH` characters, id and secret redacted. */
    readonly bodyExcerpt: string,
    options?: AsappClientErrorOptions,
  ) {
    const detail = asappError
      ? ` (${[asappError.code, asappError.message].filter(Boolean).join(' - ') || 'no code or message'}${asappError.requestId ? `, requestId ${asappError.requestId}` : ''})`
      : bodyExcerpt
        ? `: ${bodyExcerpt}`
        : '';
    super(operation, `HTTP ${status}${statusText ? ` ${statusText}` : ''}${detail}`, options);
  }
}

/** No complete answer within the call's `timeoutMs` budget. */
export class AsappTimeoutError extends AsappClientError {
  readonly kind = 'timeout';

  constructor(
    operation: AsappOperation,
    readonly timeoutMs: number,
    options?: AsappClientErrorOptions,
  ) {
    super(operation, `no response within ${timeoutMs} ms`, options);
  }
}

/** ASAPP could not be reached or the connection broke (DNS, refused, reset, TLS). */
export class AsappNetworkError extends AsappClientError {
  readonly kind = 'network';

  constructor(
    operation: AsappOperation,
    reason: string,
    /** True when the connection failed before any of the request could have reached ASAPP (safe to resend). */
    readonly beforeRequestSent: boolean,
    options?: AsappClientErrorOptions,
  ) {
    super(operation, `network error: ${reason}`, options);
  }
}

/** ASAPP answered 2xx but the body lacks what the operation needs. */
export class AsappInvalidResponseError extends AsappClientError {
  readonly kind = 'invalid-response';

  constructor(
    operation: AsappOperation,
    readonly status: number,
    readonly problems: string,
    options?: AsappClientErrorOptions,
  ) {
    super(operation, `unexpected response body (HTTP ${status}): ${problems}`, options);
  }
}
