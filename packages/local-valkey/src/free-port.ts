import { createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago. Another process can take it before the caller binds it,
 * so callers retry on EADDRINUSE.
 */
export function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ host, port: 0 }, () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') {
        probe.close();
        reject(new Error(`could not read the probe address on ${host}`));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}
