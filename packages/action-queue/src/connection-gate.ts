import type Valkey from 'iovalkey';
import { ValkeyUnavailableError } from './errors';

/**
 * Resolves once the connection can take commands. The client runs with the offline queue off (a command queued
 * while disconnected could be replayed after its caller had already been told it failed), so callers wait here
 * instead, bounded by timeoutMs, and learn early when a connection attempt fails.
 */
export function waitUntilReady(
  connection: Valkey,
  timeoutMs: number,
  describeLastError: () => string,
): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  if (connection.status === 'wait' || connection.status === 'end') {
    // The outcome is observed through the events below; this promise would only repeat it.
    connection.connect().catch(() => undefined);
  }
  const target = `Valkey at ${connection.options.host}:${connection.options.port}`;
  return new Promise((resolve, reject) => {
    const settle = (error?: ValkeyUnavailableError) => {
      clearTimeout(timer);
      connection.off('ready', onReady);
      connection.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onClose = () => settle(new ValkeyUnavailableError(`${target} refused or dropped the connection: ${describeLastError()}`));
    const timer = setTimeout(
      () => settle(new ValkeyUnavailableError(`${target} not reachable within ${timeoutMs} ms: ${describeLastError()}`)),
      timeoutMs,
    );
    connection.on('ready', onReady);
    connection.on('close', onClose);
  });
}
