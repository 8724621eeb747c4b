import type { ChildProcess } from 'node:child_process';

/**
 * Servers started by this process. Killed when it exits, so a test run that forgets stop() (or is interrupted)
 * leaves no redis-server behind holding ports.
 */
const liveServers = new Set<ChildProcess>();
let hooksInstalled = false;

function killAll(): void {
  for (const child of liveServers) child.kill('SIGKILL');
  liveServers.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Our listener replaced Node's default "exit on signal"; restore it and re-raise so the process still dies.
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', killAll);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Tracks the child until it has exited (or failed to spawn) and its output is drained. */
export function reapOnExit(child: ChildProcess): Promise<void> {
  installHooks();
  liveServers.add(child);
  return new Promise((resolve) => {
    child.once('close', () => {
      liveServers.delete(child);
      resolve();
    });
  });
}
