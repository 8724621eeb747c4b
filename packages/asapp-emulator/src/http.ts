import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Objects go out as JSON; a string goes out verbatim as text, so tests can stage non-JSON error pages. */
export function send(response: ServerResponse, status: number, body: unknown): void {
  const isText = typeof body === 'string';
  const payload = isText ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
}

/** Node joins repeated headers except a few (set-cookie) that it keeps as arrays; flatten those the same way. */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** JSON when it parses, the raw text otherwise, `undefined` when empty: what a test wants to assert on. */
export function parseBodyForRecord(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
