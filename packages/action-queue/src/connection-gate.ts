import type Valkey from 'iovalkey';
import { ValkeyUnavailableError } from './errors';

/** Ready, and not half-closed: after a reset the status stays "ready" until the socket has actually closed. */
export function canTakeCommands(connection: Valkey): boolean {
  return connection.status === 'ready' && connection.stream.writable;
}

function isRefused(error: Error | undefined): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED';
}

/**
 * Resolves once the connection can take commands. The client runs with the offline queue off (a command queued
 * while disconnected could be replayed after its caller had already been told it failed), so callers wait here
 * instead, bounded by timeoutMs. A refused connection fails at once (nothing listens: the server is down); an attempt
 * that times out or is dropped (a paused or failing-over server) is retried within timeoutMs, so a server waking up
 * mid-wait is used at once.
 */
export function waitUntilReady(connection: Valkey, timeoutMs: number, lastError: () => Error | undefined): Promise<void> {
  if (canTakeCommands(connection)) return Promise.resolve();
  if (connection.status === 'wait' || connection.status === 'end') {
    // The outcome is observed through the events below; this promise would only repeat it.
    connection.connect().catch(() => undefined);
  }
  const target = `Valkey at ${connection.options.host}:${connection.options.port}`;
  // A 'close' only means "unreachable" when it ends a connection attempt; the socket of a connection we have just
  // reset closes too, and that must not fail the caller who is waiting for the next one.
  let attemptInProgress = connection.status === 'connecting' || connection.status === 'connect';
  return new Promise((resolve, reject) => {
    const settle = (error?: ValkeyUnavailableError) => {
      clearTimeout(timer);
      connection.off('ready', onReady);
      connection.off('connecting', onConnecting);
      connection.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const onConnecting = () => {
      attemptInProgress = true;
    };
    const onClose = () => {
      if (!attemptInProgress) return;
      attemptInProgress = false;
      const error = lastError();
      if (isRefused(error)) settle(new ValkeyUnavailableError(`${target} refused the connection (${error?.message})`));
    };
    const timer = setTimeout(() => {
      const error = lastError();
      const why = isRefused(error) ? `refused (${error?.message})` : `timed out${error ? ` (${error.message})` : ''}`;
      settle(new ValkeyUnavailableError(`${target} not reachable within ${timeoutMs} ms: ${why}`));
    }, timeoutMs);
    connection.on('ready', onReady);
    connection.on('connecting', onConnecting);
    connection.on('close', onClose);
  });
}
