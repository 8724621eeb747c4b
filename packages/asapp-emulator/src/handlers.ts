import type { CallTransferStore } from './call-transfers';
import type { RouteMatch } from './routes';
import { createCallTransferRequestSchema, describeIssues, type EngageRequest, engageRequestSchema } from './schemas';

/** What to answer; `afterReply` runs once the reply has been sent. */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly afterReply?: () => void;
}

export interface EndpointContext {
  readonly requestId: string;
  readonly contentType: string | undefined;
  readonly rawBody: string;
  readonly transfers: CallTransferStore;
  /** ASAPP starts the conversation once it has accepted an engage. */
  readonly onEngaged: (request: EngageRequest) => void;
}

/** ASAPP's error envelope; `code` is `<HTTP status>-<sub-code>`, e.g. `400-01`. */
export interface AsappErrorBody {
  readonly error: { readonly requestId: string; readonly code: string; readonly message: string };
}

export function errorReply(requestId: string, status: number, message: string): Reply {
  const body: AsappErrorBody = { error: { requestId, code: `${status}-01`, message } };
  return { status, body };
}

/** The documented behaviour of each endpoint, for an authenticated request. */
export function handleEndpoint(route: RouteMatch, context: EndpointContext): Reply {
  const fail = (status: number, message: string) => errorReply(context.requestId, status, message);
  if (route.endpoint === 'getCallTransfer') {
    const transfer = context.transfers.get(route.transferId);
    return transfer ? { status: 200, body: transfer } : fail(404, `call transfer "${route.transferId}" not found`);
  }
  if (!context.contentType?.startsWith('application/json')) {
    return fail(400, `Content-Type must be application/json (got "${context.contentType ?? ''}")`);
  }
  let json: unknown;
  try {
    json = JSON.parse(context.rawBody);
  } catch {
    return fail(400, 'request body is not valid JSON');
  }
  if (route.endpoint === 'engage') {
    const engage = engageRequestSchema.safeParse(json);
    if (!engage.success) return fail(400, describeIssues(engage.error));
    return { status: 200, body: {}, afterReply: () => context.onEngaged(engage.data) };
  }
  const create = createCallTransferRequestSchema.safeParse(json);
  if (!create.success) return fail(400, describeIssues(create.error));
  if (context.transfers.has(create.data.id)) return fail(409, `call transfer "${create.data.id}" already exists`);
  return { status: 200, body: context.transfers.create(create.data) };
}
