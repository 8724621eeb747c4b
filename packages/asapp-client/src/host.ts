import * as z from 'zod';

// Plain http is only for emulators on this machine; anything that leaves it carries credentials and must be https.
const LOOPBACK_HOSTNAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Turns an ASAPP API host as the seeds spell it (`api.asapp.com` in the PSTN guide, `https://api.asapp.com` in the
 * media guide) into an origin such as `https://api.asapp.com`, with no trailing slash. `http://` is accepted only for
 * loopback addresses (local emulators). Throws an Error explaining the expected form otherwise.
 */
export function normalizeAsappHost(host: string): string {
  const trimmed = host.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  const problem = (reason: string, shownHost = host) =>
    new Error(
      `Invalid ASAPP API host "${shownHost}": ${reason}. Expected a host name such as api.asapp.com or https://api.asapp.com ` +
        '(http:// only for 127.0.0.1/localhost).',
    );
  if (trimmed === '') throw problem('it is empty');
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw problem('it is not a valid URL or host name');
  }
  const isLoopback = LOOPBACK_HOSTNAMES.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw problem(`scheme ${url.protocol} is not allowed`);
  }
  if (url.username !== '' || url.password !== '') {
    // Never echo what looks like a password back into logs.
    throw problem('it must not contain credentials', `${url.protocol}//***@${url.host}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') throw problem('it must not contain a path, query or fragment');
  if (!isLoopback && !url.hostname.includes('.')) throw problem(`"${url.hostname}" is not a fully qualified host name`);
  return url.origin;
}

/** `normalizeAsappHost` as a zod schema, for parsing configuration such as `ASAPP_API_HOST` at the edge. */
export const asappHostSchema = z.string().transform((host, context) => {
  try {
    return normalizeAsappHost(host);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
