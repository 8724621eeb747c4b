// Prints the queue's latencies on a local server: the happy path that sits between ASAPP's speak and the caller
// hearing it, and how long an outage takes to surface as an error (the flow gives PullAction 3 s).
import { startValkeyServer } from '@genagent-connect/local-valkey';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionQueue, createValkeyClient, ValkeyUnavailableError } from '../src';

const call = { companyMarker: 'bench', guid: 'call-1' };
const speak = { action: 'speak', ...call, speakParams: { text: 'Hello from the bench' } } as const;

function summary(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(2);
  console.log(`${label.padEnd(48)} n=${String(samples.length).padStart(4)}  p50=${at(0.5)} ms  p99=${at(0.99)} ms  max=${at(1)} ms`);
}

async function time(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await operation();
  return performance.now() - started;
}

async function timeToError(operation: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  try {
    await operation();
  } catch (error) {
    if (!(error instanceof ValkeyUnavailableError)) throw error;
    return performance.now() - started;
  }
  throw new Error('expected ValkeyUnavailableError');
}

async function main(): Promise<void> {
  const server = await startValkeyServer();
  const pusherClient = createValkeyClient({ host: server.host, port: server.port });
  const pullerClient = createValkeyClient({ host: server.host, port: server.port });
  const pusher = new ActionQueue(pusherClient);
  const puller = new ActionQueue(pullerClient);
  console.log(`server: ${server.binary} on ${server.url}`);

  await pusher.push(speak); // connect both clients before measuring
  await puller.pull(call.companyMarker, call.guid);

  const pushes: number[] = [];
  const pulls: number[] = [];
  const cues: number[] = [];
  const reliablePulls: number[] = [];
  for (let i = 0; i < 1000; i++) {
    pushes.push(await time(() => pusher.push(speak)));
    cues.push(await time(() => puller.nextProcessingCue(call.companyMarker, call.guid)));
    pulls.push(await time(() => puller.pull(call.companyMarker, call.guid)));
  }
  // At-least-once: each pull acknowledges the previous action and moves the next one in flight.
  for (let i = 0; i < 1000; i++) await pusher.push(speak);
  let acknowledged = 0;
  for (let i = 0; i < 1000; i++) {
    reliablePulls.push(
      await time(async () => {
        acknowledged = (await puller.pullReliably(call.companyMarker, call.guid, acknowledged))?.sequence ?? acknowledged;
      }),
    );
  }
  summary('push (script: INCR, RPUSH, EXPIRE)', pushes);
  summary('nextProcessingCue (MULTI INCR EXPIRE)', cues);
  summary('pull (LPOP)', pulls);
  summary('pullReliably (script: ack, LMOVE)', reliablePulls);

  const wakeUps: number[] = [];
  for (let i = 0; i < 50; i++) {
    const waiting = puller.pull(call.companyMarker, call.guid, { waitMs: 2000 });
    await sleep(20);
    const pushedAt = performance.now();
    await pusher.push(speak);
    await waiting;
    wakeUps.push(performance.now() - pushedAt);
  }
  summary('long-poll: push sent -> waiting pull answered', wakeUps);

  await server.stop();
  const downErrors: number[] = [];
  for (let i = 0; i < 20; i++) downErrors.push(await timeToError(() => puller.pull(call.companyMarker, call.guid)));
  summary('Valkey stopped: pull -> ValkeyUnavailableError', downErrors);

  await server.restart();
  const recovery = await time(() => puller.pull(call.companyMarker, call.guid));
  summary('Valkey restarted: first pull on the same client', [recovery]);

  server.pause();
  const silentError = await timeToError(() => puller.pull(call.companyMarker, call.guid));
  summary('Valkey silent (SIGSTOP): pull -> error', [silentError]);
  server.resume();

  await Promise.all([pusherClient.close(), pullerClient.close()]);
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
