import { types } from 'node:util';
import * as z from 'zod';
import {
  AsappApiError,
  AsappClientError,
  AsappInvalidResponseError,
  AsappNetworkError,
  type AsappOperation,
  AsappTimeoutError,
} from './errors';
import { asappHostSchema } from './host';
import {
  type AsappCredentials,
  type AsappErrorDetail,
  asappCredentialsSchema,
  asappErrorBodySchema,
  type CallTransfer,
  type CreatedCallTransfer,
  callTransferSchema,
  createdCallTransferSchema,
  describeIssues,
  type InputVariables,
} from './schemas';

/** Credentials, or an async provider called before each request (e.g. a cached Secrets Manager lookup). */
export type AsappCredentialsSource = AsappCredentials | (() => Promise<AsappCredentials>);

export interface AsappClientOptions {
  /** `api.asapp.com`, `https://api.asapp.com`, or `http://127.0.0.1:<port>` for a local emulator. */
  readonly host: string;
  readonly credentials: AsappCredentialsSource;
  /**
   * Budget of each call, from the call to the last byte of the reply: credentials, the request and its one retry
   * all fit in it. Default 5000 ms.
   */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
  /** Called with the first attempt's failure just before the one retry the client makes (e.g. to log it). */
  readonly onRetry?: (failure: AsappClientError) => void;
}

export interface EngageInput {
  /** The Connect ContactId; ASAPP's push actions carry it back as `guid`. */
  readonly guid: string;
  /** The caller's id (usually the number); omitted from the request when unknown (e.g. a withheld caller id). */
  readonly customerId?: string | undefined;
  /** The customer audio stream (`MediaStreams.Customer.Audio.StreamARN`). */
  readonly streamArn: string;
  /** Mapped contact attributes; a `taskName` entry selects the task GenerativeAgent enters. */
  readonly inputVariables: InputVariables;
}

export interface EngageResult {
  /** The 2xx status ASAPP answered with. */
  readonly status: number;
}

export interface CreateCallTransferInput {
  readonly id: string;
  readonly externalConversationId: string;
  readonly taskName?: string;
  readonly inputVariables: InputVariables;
}

const DEFAULT_TIMEOUT_MS = 5000;
const timeoutSchema = z.int().positive();
/** Below this, a retry could not get an answer back in time to be of use. */
const MIN_RETRY_BUDGET_MS = 200;
/** Longest body excerpt an `AsappApiError` carries: enough to recognise a proxy's error page, short for logs. */
export const BODY_EXCERPT_LENGTH = 160;

const optionsSchema = z.object({
  host: asappHostSchema,
  credentials: z.union([z.custom<() => Promise<AsappCredentials>>((value) => typeof value === 'function'), asappCredentialsSchema]),
  timeoutMs: timeoutSchema.default(DEFAULT_TIMEOUT_MS),
});

interface RawReply {
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
}

/**
 * Typed client for ASAPP's GenerativeAgent REST API. Every method throws an `AsappClientError` subclass for ASAPP
 * failures (see `kind`); an error thrown by a credentials provider propagates unchanged. Credentials live in a
 * private field, so neither `JSON.stringify` nor `util.inspect` of the client shows them.
 */
export class AsappClient {
  /** Normalised origin, e.g. `https://api.asapp.com`. */
  readonly host: string;
  readonly timeoutMs: number;
  readonly #credentials: AsappCredentialsSource;

  constructor(options: AsappClientOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      throw new Error(`Invalid AsappClient options: ${describeIssues(parsed.error, '(options)')}`);
    }
    this.host = parsed.data.host;
    this.timeoutMs = parsed.data.timeoutMs;
    this.#credentials = options.credentials;
  }

  /** Engages GenerativeAgent on a Connect call (media mode). Any 2xx is success; the body is not used. */
  async engage(input: EngageInput, options?: RequestOptions): Promise<EngageResult> {
    const reply = await this.#exchange('engage', 'POST', '/mg-genagent/v1/engage', options, {
      namespace: 'amazonconnect',
      guid: input.guid,
      // ASAPP's own Lambda hard-codes the language; GenerativeAgent's task configuration decides what is spoken.
      language: 'en-US',
      ...(input.customerId ? { customerId: input.customerId } : {}),
      inputVariables: input.inputVariables,
      amazonConnectParams: { streamArn: input.streamArn },
    });
    return { status: reply.status };
  }

  /** Asks ASAPP for a temporary PSTN number to transfer the call to (PSTN mode). */
  async createCallTransfer(input: CreateCallTransferInput, options?: RequestOptions): Promise<CreatedCallTransfer> {
    const reply = await this.#exchange('createCallTransfer', 'POST', '/generativeagent/v1/call-transfers', options, {
      id: input.id,
      externalConversationId: input.externalConversationId,
      type: 'PHONE_NUMBER',
      phoneNumber: { country: 'US' },
      inputContext: {
        ...(input.taskName === undefined ? {} : { taskName: input.taskName }),
        inputVariables: input.inputVariables,
      },
    });
    return parseReply('createCallTransfer', reply, createdCallTransferSchema);
  }

  /** Reads a call transfer, including GenerativeAgent's output context once it has handed the call back. */
  async getCallTransfer(id: string, options?: RequestOptions): Promise<CallTransfer> {
    const path = `/generativeagent/v1/call-transfers/${encodeURIComponent(id)}`;
    const reply = await this.#exchange('getCallTransfer', 'GET', path, options);
    return parseReply('getCallTransfer', reply, callTransferSchema);
  }

  /**
   * One call within its time budget: at most one retry, and only when it cannot duplicate work (see `isRetryable`).
   * A GET gives its first attempt half the budget, so that a timeout still leaves time for the retry. Resolves only
   * for 2xx, with the body read in full (so the connection can be reused).
   */
  async #exchange(
    operation: AsappOperation,
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions | undefined,
    body?: unknown,
  ): Promise<RawReply> {
    const budgetMs = options?.timeoutMs ?? this.timeoutMs;
    if (!timeoutSchema.safeParse(budgetMs).success) {
      throw new Error(`ASAPP ${operation}: timeoutMs must be a positive integer of milliseconds (got ${budgetMs})`);
    }
    const deadline = performance.now() + budgetMs;
    const credentials = await this.#resolveCredentials();
    const request: AttemptRequest = { operation, method, url: `${this.host}${path}`, body, credentials, budgetMs };
    const idempotent = method === 'GET';
    const firstLimit = idempotent ? Math.ceil(budgetMs / 2) : budgetMs;
    try {
      return await attempt(request, Math.min(firstLimit, remainingMs(deadline)), 1);
    } catch (error) {
      const remaining = remainingMs(deadline);
      if (!(error instanceof AsappClientError) || !isRetryable(error, idempotent) || remaining < MIN_RETRY_BUDGET_MS) {
        throw error;
      }
      options?.onRetry?.(error);
      return await attempt(request, remaining, 2);
    }
  }

  async #resolveCredentials(): Promise<AsappCredentials> {
    if (typeof this.#credentials !== 'function') return this.#credentials;
    const provided = asappCredentialsSchema.safeParse(await this.#credentials());
    if (!provided.success) {
      throw new Error(`The ASAPP credentials provider must resolve to {apiId, apiSecret}: ${describeIssues(provided.error, '(credentials)')}`);
    }
    return provided.data;
  }
}

interface AttemptRequest {
  readonly operation: AsappOperation;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body: unknown;
  readonly credentials: AsappCredentials;
  /** The call's whole budget, which a timeout reports. */
  readonly budgetMs: number;
}

function remainingMs(deadline: number): number {
  return Math.max(1, Math.floor(deadline - performance.now()));
}

/** One HTTP exchange limited to `limitMs`. */
async function attempt(request: AttemptRequest, limitMs: number, attempts: number): Promise<RawReply> {
  const { operation, method, credentials } = request;
  const headers: Record<string, string> = {
    'asapp-api-id': credentials.apiId,
    'asapp-api-secret': credentials.apiSecret,
  };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const signal = AbortSignal.timeout(limitMs);
  let reply: RawReply;
  try {
    const response = await fetch(request.url, {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
    });
    reply = { status: response.status, statusText: response.statusText, text: await response.text() };
  } catch (error) {
    if (signal.aborted) throw new AsappTimeoutError(operation, request.budgetMs, { attempts });
    throw networkError(operation, error, attempts);
  }
  if (reply.status < 200 || reply.status > 299) {
    const redact = redactor(credentials);
    const detail = parseAsappError(reply.text);
    throw new AsappApiError(
      operation,
      reply.status,
      redact(reply.statusText),
      detail && {
        requestId: detail.requestId === undefined ? undefined : redact(detail.requestId),
        code: detail.code === undefined ? undefined : redact(detail.code),
        message: detail.message === undefined ? undefined : redact(detail.message),
      },
      bodyExcerpt(redact(reply.text)),
      { attempts },
    );
  }
  return reply;
}

/**
 * Only what cannot make ASAPP do the work twice: a connection that failed before the request left (any method), and
 * for an idempotent GET also a timeout, a broken connection or a 5xx. A POST that may have reached ASAPP (a timeout,
 * a reset after sending, a 5xx) is never resent: ASAPP may have engaged the call or issued a number already.
 */
function isRetryable(error: AsappClientError, idempotent: boolean): boolean {
  if (error instanceof AsappNetworkError && error.beforeRequestSent) return true;
  if (!idempotent) return false;
  if (error instanceof AsappApiError) return error.status >= 500;
  return error instanceof AsappNetworkError || error instanceof AsappTimeoutError;
}

/** Replaces the API id and secret wherever ASAPP (or a proxy) echoes them, in one pass so neither mangles the other. */
function redactor(credentials: AsappCredentials): (text: string) => string {
  const pattern = new RegExp(
    [credentials.apiSecret, credentials.apiId]
      .sort((a, b) => b.length - a.length)
      .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, '[redacted]');
}

/** A short, single-line view of a body for messages: markup tags dropped, whitespace and control characters collapsed. */
function bodyExcerpt(text: string): string {
  const withoutTags = /^\s*</.test(text) ? text.replace(/<[^>]*>/g, ' ') : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being collapsed.
  const collapsed = withoutTags.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return collapsed.length > BODY_EXCERPT_LENGTH ? `${collapsed.slice(0, BODY_EXCERPT_LENGTH - 1)}…` : collapsed;
}

function parseAsappError(text: string): AsappErrorDetail | null {
  try {
    const parsed = asappErrorBodySchema.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const { requestId, code, message } = parsed.data.error;
    return requestId === undefined && code === undefined && message === undefined ? null : { requestId, code, message };
  } catch {
    return null;
  }
}

function parseReply<T>(operation: AsappOperation, reply: RawReply, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw new AsappInvalidResponseError(operation, reply.status, 'body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new AsappInvalidResponseError(operation, reply.status, describeIssues(parsed.error, '(body)'));
}

/**
 * Node's fetch rejects with `TypeError: fetch failed` and puts the useful part (ECONNREFUSED, ENOTFOUND, a reset) in
 * `cause`. That system error names only the address, never request headers, so it is kept as the cause.
 * `types.isNativeError` rather than `instanceof`, because fetch's errors come from another realm under jest.
 */
function networkError(operation: AsappOperation, error: unknown, attempts: number): AsappNetworkError {
  const root = types.isNativeError(error) && types.isNativeError(error.cause) ? error.cause : error;
  if (!types.isNativeError(root)) return new AsappNetworkError(operation, String(root), false, { attempts });
  const code = (root as NodeJS.ErrnoException).code;
  const reason = code && !root.message.includes(code) ? `${code} ${root.message}` : root.message;
  return new AsappNetworkError(operation, reason, failedBeforeSending(root), { cause: root, attempts });
}

/**
 * Whether the connection failed while it was being set up, so no byte of the request can have reached ASAPP: the
 * DNS lookup or TCP connect failed (ECONNREFUSED, a reset during connect, ENOTFOUND…: `syscall` connect or
 * getaddrinfo), undici's connect timed out, or TLS was torn down before its handshake finished (requests go only
 * over an established TLS session).
 */
function failedBeforeSending(error: Error): boolean {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (syscall === 'connect' || syscall === 'getaddrinfo' || code === 'UND_ERR_CONNECT_TIMEOUT') return true;
  return code === 'ECONNRESET' && error.message.includes('before secure TLS connection was established');
}
