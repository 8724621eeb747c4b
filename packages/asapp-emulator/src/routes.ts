/** The three ASAPP endpoints our integration uses. */
export type AsappEndpoint = 'engage' | 'createCallTransfer' | 'getCallTransfer';

export type RouteMatch =
  | { readonly endpoint: 'engage' | 'createCallTransfer' }
  /** `transferId` is the `{id}` path segment, URL-decoded. */
  | { readonly endpoint: 'getCallTransfer'; readonly transferId: string };

const CALL_TRANSFERS_PATH = '/generativeagent/v1/call-transfers';

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  if (method === 'POST' && pathname === '/mg-genagent/v1/engage') return { endpoint: 'engage' };
  if (method === 'POST' && pathname === CALL_TRANSFERS_PATH) return { endpoint: 'createCallTransfer' };
  if (method === 'GET' && pathname.startsWith(`${CALL_TRANSFERS_PATH}/`)) {
    const segment = pathname.slice(CALL_TRANSFERS_PATH.length + 1);
    if (segment === '' || segment.includes('/')) return undefined;
    const transferId = decodePathSegment(segment);
    return transferId === undefined ? undefined : { endpoint: 'getCallTransfer', transferId };
  }
  return undefined;
}

function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape (e.g. "%E0%A4%A") cannot name any transfer: treat the path as unknown.
    return undefined;
  }
}
