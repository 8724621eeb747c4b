import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { type CallTransfer, CallTransferStore } from './call-transfers';
import { errorReply, handleEndpoint, type Reply } from './handlers';
import { flattenHeaders, parseBodyForRecord, readBody, send } from './http';
import { type AsappEndpoint, matchRoute, type RouteMatch } from './routes';
import { describeIssues, type EngageRequest, type OutputContextInput, outputContextSchema } from './schemas';

export interface EmulatorCredentials {
  readonly apiId: string;
  readonly apiSecret: string;
}

export interface AsappEmulatorOptions {
  /** Credentials the emulator accepts. Default: a fixed id and a random secret, fresh per emulator. */
  readonly credentials?: EmulatorCredentials;
  /** Port on 127.0.0.1. Default: 0, an ephemeral port chosen by the OS. */
  readonly port?: number;
}

/**
 * Per-endpoint override for tests and scenarios. `delayMs` waits before replying. `status` and/or `body` replace the
 * endpoint's processing with a canned reply (nothing is validated, stored or notified): `status` defaults to 200, and
 * `body` to ASAPP's error envelope for a status >= 400, `{}` otherwise. A string `body` is sent verbatim as text.
 * `fault: "reset"` resets the connection instead of replying, after the request was read (and recorded): a failure
 * the client cannot tell from ASAPP having done the work. `times` applies the override to that many requests only,
 * then the endpoint behaves normally again (e.g. `{status: 503, times: 1}`: one failure, then success).
 */
export interface EndpointBehaviour {
  readonly status?: number;
  readonly delayMs?: number;
  readonly body?: unknown;
  readonly fault?: 'reset';
  readonly times?: number;
}

export interface RecordedRequest {
  /** `unknown` for a path/method ASAPP's API does not have. */
  readonly endpoint: AsappEndpoint | 'unknown';
  readonly method: string;
  readonly path: string;
  /** Lower-case names; the `asapp-api-secret` value is replaced by `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON, or the raw text when it is not JSON, or `undefined` when empty. */
  readonly body: unknown;
  readonly receivedAt: Date;
}

export type EngageListener = (request: EngageRequest) => void | Promise<void>;

export interface AsappEmulator {
  /** Base URL, `http://127.0.0.1:<port>`, usable as the ASAPP API host. */
  readonly url: string;
  readonly credentials: EmulatorCredentials;
  /** Every request received, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** Called after each successful engage has been answered, as ASAPP then starts the conversation. Returns an unsubscribe function. */
  onEngage(listener: EngageListener): () => void;
  /** Sets (or, with `undefined`, clears) the override for one endpoint. */
  setBehaviour(endpoint: AsappEndpoint, behaviour: EndpointBehaviour | undefined): void;
  /**
   * Resets the next `count` TCP connections as soon as they are accepted, before any request is read (the client
   * sees ECONNRESET while connecting; nothing is recorded). Keep-alive connections already open are not affected.
   */
  resetNextConnections(count: number): void;
  /** Completes a transfer as GenerativeAgent does when it hands the call back. Throws for an unknown id. */
  completeCallTransfer(id: string, outputContext: OutputContextInput): CallTransfer;
  /** Stops listening and drops open connections, including ones waiting on a delay. Safe to call twice. */
  close(): Promise<void>;
}

const API_ID_HEADER = 'asapp-api-id';
const API_SECRET_HEADER = 'asapp-api-secret';

const behaviourSchema = z.strictObject({
  status: z.int().min(100).max(599).optional(),
  delayMs: z.int().min(0).optional(),
  body: z.unknown().optional(),
  fault: z.literal('reset').optional(),
  times: z.int().min(1).optional(),
});

const optionsSchema = z.strictObject({
  credentials: z.strictObject({ apiId: z.string().min(1), apiSecret: z.string().min(1) }).optional(),
  port: z.int().min(0).max(65535).optional(),
});

export async function startAsappEmulator(options: AsappEmulatorOptions = {}): Promise<AsappEmulator> {
  const parsedOptions = optionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new Error(`startAsappEmulator: invalid options: ${describeIssues(parsedOptions.error)}`);
  }
  const credentials: EmulatorCredentials = parsedOptions.data.credentials ?? {
    apiId: 'emulator-api-id',
    apiSecret: randomBytes(16).toString('hex'),
  };
  const requests: RecordedRequest[] = [];
  const behaviours = new Map<AsappEndpoint, EndpointBehaviour>();
  /** Requests each `times`-limited override still applies to. */
  const behaviourUses = new Map<AsappEndpoint, number>();
  let connectionsToReset = 0;
  const engageListeners = new Set<EngageListener>();
  const transfers = new CallTransferStore();
  // Aborts pending delays on close, so a test that ends mid-delay neither waits for it nor leaves a timer behind.
  const closing = new AbortController();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const requestId = randomUUID();
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://emulator').pathname;
    const rawBody = await readBody(request);
    const route = matchRoute(method, path);
    const headers = flattenHeaders(request.headers);
    requests.push({
      endpoint: route?.endpoint ?? 'unknown',
      method,
      path,
      headers: API_SECRET_HEADER in headers ? { ...headers, [API_SECRET_HEADER]: '[redacted]' } : headers,
      body: parseBodyForRecord(rawBody),
      receivedAt,
    });
    const reply = route
      ? await replyTo(route, headers, requestId, rawBody)
      : errorReply(requestId, 404, `no such endpoint: ${method} ${path}`);
    if (reply === 'reset') {
      request.socket.resetAndDestroy();
      return;
    }
    if (reply.afterReply) response.on('finish', reply.afterReply);
    send(response, reply.status, reply.body);
  }

  /** The endpoint's override for this request, counting one use of a `times`-limited one. */
  function takeBehaviour(endpoint: AsappEndpoint): EndpointBehaviour | undefined {
    const behaviour = behaviours.get(endpoint);
    const uses = behaviourUses.get(endpoint);
    if (behaviour && uses !== undefined) {
      if (uses <= 1) {
        behaviours.delete(endpoint);
        behaviourUses.delete(endpoint);
      } else {
        behaviourUses.set(endpoint, uses - 1);
      }
    }
    return behaviour;
  }

  async function replyTo(
    route: RouteMatch,
    headers: Record<string, string>,
    requestId: string,
    rawBody: string,
  ): Promise<Reply | 'reset'> {
    const behaviour = takeBehaviour(route.endpoint);
    if (behaviour?.delayMs) await sleep(behaviour.delayMs, undefined, { signal: closing.signal });
    if (behaviour?.fault === 'reset') return 'reset';
    if (headers[API_ID_HEADER] !== credentials.apiId || headers[API_SECRET_HEADER] !== credentials.apiSecret) {
      return errorReply(requestId, 401, `missing or invalid ${API_ID_HEADER} / ${API_SECRET_HEADER} headers`);
    }
    if (behaviour && (behaviour.status !== undefined || behaviour.body !== undefined)) {
      const status = behaviour.status ?? 200;
      if (behaviour.body !== undefined) return { status, body: behaviour.body };
      return status >= 400 ? errorReply(requestId, status, 'failure staged by setBehaviour') : { status, body: {} };
    }
    return handleEndpoint(route, {
      requestId,
      contentType: headers['content-type'],
      rawBody,
      transfers,
      onEngaged: notifyEngage,
    });
  }

  function notifyEngage(engage: EngageRequest): void {
    for (const listener of engageListeners) {
      // A listener is the sandbox "being ASAPP"; its failure must not crash the emulator, but must be seen.
      Promise.resolve()
        .then(() => listener(engage))
        .catch((error: unknown) => console.error('asapp-emulator: onEngage listener failed:', error));
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (closing.signal.aborted || response.headersSent || response.destroyed) return;
      const message = error instanceof Error ? error.message : String(error);
      const reply = errorReply(randomUUID(), 500, `emulator internal error: ${message}`);
      send(response, reply.status, reply.body);
    });
  });
  server.on('connection', (socket) => {
    if (connectionsToReset === 0) return;
    connectionsToReset -= 1;
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parsedOptions.data.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    requests,
    onEngage(listener) {
      engageListeners.add(listener);
      return () => engageListeners.delete(listener);
    },
    setBehaviour(endpoint, behaviour) {
      behaviourUses.delete(endpoint);
      if (behaviour === undefined) {
        behaviours.delete(endpoint);
        return;
      }
      const parsed = behaviourSchema.safeParse(behaviour);
      if (!parsed.success) throw new Error(`setBehaviour(${endpoint}): ${describeIssues(parsed.error)}`);
      behaviours.set(endpoint, parsed.data);
      if (parsed.data.times !== undefined) behaviourUses.set(endpoint, parsed.data.times);
    },
    resetNextConnections(count) {
      if (!Number.isInteger(count) || count < 0) {
        throw new Error(`resetNextConnections: count must be a whole number >= 0 (got ${count})`);
      }
      connectionsToReset = count;
    },
    completeCallTransfer(id, outputContext) {
      const parsed = outputContextSchema.safeParse(outputContext);
      if (!parsed.success) throw new Error(`completeCallTransfer(${id}): ${describeIssues(parsed.error)}`);
      return transfers.complete(id, parsed.data);
    },
    close() {
      if (closing.signal.aborted) return Promise.resolve();
      closing.abort();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets (Node's fetch pools them) would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
