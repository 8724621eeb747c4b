import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { pingValkey } from './ping';
import { reapOnExit } from './process-reaper';

/** Enough of the server's log to explain a failed start without flooding the error message. */
const OUTPUT_TAIL_CHARS = 4000;
const PING_INTERVAL_MS = 25;

export interface ServerLaunch {
  readonly binary: string;
  readonly host: string;
  readonly port: number;
  readonly password?: string;
  readonly startTimeoutMs: number;
  /** Starts as a replica of this server (`--replicaof`, with `--masterauth` when a password is given). */
  readonly replicaOf?: { readonly host: string; readonly port: number };
}

export interface RunningServer {
  /** Sends the signal and resolves once the process has exited. */
  signalAndWait(signal: NodeJS.Signals): Promise<void>;
  /** Sends a signal that does not end the process (SIGSTOP, SIGCONT). */
  signal(signal: NodeJS.Signals): void;
}

/** Thrown when the chosen port was taken between probing and binding; the caller picks another port. */
export class PortInUseError extends Error {}

function serverArguments(launch: ServerLaunch): string[] {
  const args = [
    '--port', String(launch.port),
    '--bind', launch.host,
    // A throwaway server: no RDB/AOF files, and nothing written into the caller's working directory.
    '--save', '',
    '--appendonly', 'no',
    '--dir', tmpdir(),
    '--daemonize', 'no',
    '--loglevel', 'warning',
    // A replica's first sync starts at once instead of after the default 5 s wait for more replicas.
    '--repl-diskless-sync-delay', '0',
  ];
  if (launch.password !== undefined) args.push('--requirepass', launch.password);
  if (launch.replicaOf) {
    args.push('--replicaof', launch.replicaOf.host, String(launch.replicaOf.port));
    if (launch.password !== undefined) args.push('--masterauth', launch.password);
  }
  return args;
}

/** Starts the server and resolves once it answers PING; rejects with its output if it exits or stays silent. */
export async function launchServer(launch: ServerLaunch): Promise<RunningServer> {
  const child = spawn(launch.binary, serverArguments(launch), { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // A forgotten server must not keep the test runner alive; the reaper kills it when this process exits.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();

  let exited = false;
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const exit = reapOnExit(child).then(() => {
    exited = true;
  });

  const running: RunningServer = {
    async signalAndWait(signal) {
      if (exited) return;
      child.ref(); // keep the event loop alive until the exit is observed
      child.kill(signal);
      await exit;
    },
    signal(signal) {
      if (!exited) child.kill(signal);
    },
  };

  const deadline = Date.now() + launch.startTimeoutMs;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`could not run ${launch.binary}: ${spawnError.message}`);
    if (exited) {
      if (/address already in use/i.test(output)) throw new PortInUseError(`port ${launch.port} is in use`);
      throw new Error(`${launch.binary} exited during startup on port ${launch.port}. Output:\n${output}`);
    }
    if (await pingValkey(launch.host, launch.port, { password: launch.password, timeoutMs: 500 })) return running;
    await sleep(PING_INTERVAL_MS);
  }
  await running.signalAndWait('SIGKILL');
  throw new Error(
    `${launch.binary} did not answer PING on ${launch.host}:${launch.port} within ${launch.startTimeoutMs} ms. Output:\n${output}`,
  );
}
