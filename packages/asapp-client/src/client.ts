import { types } from 'node:util';
import * as z from 'zod';
import {
  AsappApiError,
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
  /** Limit for each HTTP exchange, from sending the request to the last byte of the reply. Default 5000 ms. */
  readonly timeoutMs?: number;
}

export interface RequestOptions {
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
}

export interface EngageInput {
  /** The Connect ContactId; ASAPP's push actions carry it back as `guid`. */
  readonly guid: string;
  readonly customerId: string;
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
      customerId: input.customerId,
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

  /** One HTTP exchange; resolves only for 2xx, with the body read in full (so the connection can be reused). */
  async #exchange(
    operation: AsappOperation,
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions | undefined,
    body?: unknown,
  ): Promise<RawReply> {
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    if (!timeoutSchema.safeParse(timeoutMs).success) {
      throw new Error(`ASAPP ${operation}: timeoutMs must be a positive integer of milliseconds (got ${timeoutMs})`);
    }
    const credentials = await this.#resolveCredentials();
    const headers: Record<string, string> = {
      'asapp-api-id': credentials.apiId,
      'asapp-api-secret': credentials.apiSecret,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const signal = AbortSignal.timeout(timeoutMs);
    let reply: RawReply;
    try {
      const response = await fetch(`${this.host}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      reply = { status: response.status, statusText: response.statusText, text: await response.text() };
    } catch (error) {
      if (signal.aborted) throw new AsappTimeoutError(operation, timeoutMs);
      throw networkError(operation, error);
    }
    if (reply.status < 200 || reply.status > 299) {
      const redact = (text: string) => text.replaceAll(credentials.apiSecret, '[redacted]');
      const detail = parseAsappError(reply.text);
      throw new AsappApiError(
        operation,
        reply.status,
        redact(reply.statusText),
        detail && { requestId: redact(detail.requestId), code: redact(detail.code), message: redact(detail.message) },
      );
    }
    return reply;
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

function parseAsappError(text: string): AsappErrorDetail | null {
  try {
    const parsed = asappErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : null;
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
function networkError(operation: AsappOperation, error: unknown): AsappNetworkError {
  const root = types.isNativeError(error) && types.isNativeError(error.cause) ? error.cause : error;
  if (!types.isNativeError(root)) return new AsappNetworkError(operation, String(root));
  const code = (root as NodeJS.ErrnoException).code;
  const reason = code && !root.message.includes(code) ? `${code} ${root.message}` : root.message;
  return new AsappNetworkError(operation, reason, { cause: root });
}
