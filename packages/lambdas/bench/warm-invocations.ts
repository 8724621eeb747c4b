/**
 * Warm-invocation latency of pull-action and push-action against a local Valkey-compatible server, with the
 * container's reused connection (as deployed) and, in the same run, a reference-style handler that opens and quits
 * a connection per invocation (as ASAPP's sample Lambdas do). Not a test: it prints numbers.
 *
 *   pnpm --filter @genagent-connect/lambdas bench [-- --iterations 2000 --warmup 1000]
 */
import { cpus, loadavg } from 'node:os';
import { createValkeyClient } from '@genagent-connect/action-queue';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import {
  createPullActionHandler,
  createPushActionHandler,
  type LambdaHandler,
  parsePullActionConfig,
  parseValkeyConfig,
  pullActionHandlerFromEnvironment,
  pushActionHandlerFromEnvironment,
} from '../src';
import { createLambdaLogger } from '../src/logging';
import { createActionQueueFromConfig } from '../src/valkey';
import { contactFlowEvent } from '../test/support/connect-events';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

const ITERATIONS = option('iterations', 2000);
// A warm container has already served many polls (one call polls every 0.4-1 s), so the JIT has settled.
const WARMUP = option('warmup', 1000);
const COMPANY = 'bench';

interface Stats {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((sum, sample) => sum + sample, 0) / samples.length };
}

/** A fast error answer would flatter the numbers, so every response is checked. */
function assertNotAnError(response: unknown): void {
  const fields = response as { next?: string; ok?: boolean };
  if (fields.next === 'error' || fields.ok === false) throw new Error(`invocation failed: ${JSON.stringify(response)}`);
}

/** Runs warm-up then measured invocations one after another, as one Lambda container serves them. */
async function measure(invoke: (iteration: number) => Promise<unknown>): Promise<Stats> {
  for (let iteration = 0; iteration < WARMUP; iteration += 1) assertNotAnError(await invoke(-1 - iteration));
  const samples: number[] = [];
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    const startedAt = performance.now();
    const response = await invoke(iteration);
    samples.push(performance.now() - startedAt);
    assertNotAnError(response);
  }
  return stats(samples);
}

/**
 * The logger writes to stdout as in Lambda; during measurement the lines are swallowed (formatting them is still
 * measured) so terminal speed does not pollute the numbers and the report stays readable.
 */
async function withLogsSwallowed<T>(run: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await run();
  } finally {
    process.stdout.write = write;
  }
}

/** The reference style: a connection opened and quit inside every invocation, same handler logic otherwise. */
function connectionPerInvocation<R>(
  server: LocalValkeyServer,
  build: (queue: ReturnType<typeof createActionQueueFromConfig>['queue']) => LambdaHandler<R>,
): LambdaHandler<R> {
  const config = parseValkeyConfig({ VALKEY_HOST: server.host, VALKEY_PORT: String(server.port) });
  return async (event) => {
    const container = createActionQueueFromConfig(config, undefined);
    try {
      return await build(container.queue)(event);
    } finally {
      await container.close();
    }
  };
}

const row = (label: string, { p50, p99, mean }: Stats) =>
  `${label.padEnd(54)} p50 ${p50.toFixed(3).padStart(7)} ms   p99 ${p99.toFixed(3).padStart(7)} ms   mean ${mean.toFixed(3).padStart(7)} ms`;

async function main(): Promise<void> {
  const server = await startValkeyServer();
  // The replica gets its own primary: on a small machine a replica process shares the CPU with the server it
  // follows, which would slow every other measurement here (in ElastiCache it is another node).
  const replicatedServer = await startValkeyServer();
  const replica = await startValkeyServer({ replicaOf: replicatedServer });
  const inspector = createValkeyClient({ host: server.host, port: server.port, connectionName: 'bench-inspector' });
  const environment = { VALKEY_HOST: server.host, VALKEY_PORT: String(server.port) };
  const pullAction = pullActionHandlerFromEnvironment({ environment });
  const pushAction = pushActionHandlerFromEnvironment({ environment });
  const poll = contactFlowEvent({ contactId: 'bench-call', attributes: { ASAPP_CompanyMarker: COMPANY } });
  // This project's module: at-least-once pulls, acknowledged by the sequence it passes back.
  const reliablePoll = contactFlowEvent({
    contactId: 'bench-call-reliable',
    attributes: { ASAPP_CompanyMarker: COMPANY },
    parameters: { lastSequence: '0' },
  });
  // push-action of a cache with a replica: VALKEY_REPLICAS=1, each push WAITs for the replica.
  const replicatedPushAction = pushActionHandlerFromEnvironment({
    environment: { VALKEY_HOST: replicatedServer.host, VALKEY_PORT: String(replicatedServer.port), VALKEY_REPLICAS: '1' },
  });
  const speak = (guid: string) => ({ action: 'speak', companyMarker: COMPANY, guid, speakParams: { text: 'One moment, please.' } });

  const logger = createLambdaLogger('bench-reference');
  const pullConfig = parsePullActionConfig({});
  const referencePull = connectionPerInvocation(server, (queue) => createPullActionHandler({ config: pullConfig, queue, logger }));
  const referencePush = connectionPerInvocation(server, (queue) => createPushActionHandler({ queue, logger }));

  const results = await withLogsSwallowed(async () => {
    const reusedPull = await measure(() => pullAction(poll));
    const reliablePull = await measure(() => pullAction(reliablePoll));
    const replicatedPush = await measure((iteration) => replicatedPushAction(speak(`bench-replicated-${iteration}`)));
    // Push to per-iteration calls so queues stay short; then deliver them with pull (measuring the speak path).
    const reusedPush = await measure((iteration) => pushAction(speak(`bench-push-${iteration}`)));
    const reusedPullSpeak = await measure(
      (iteration) =>
        pullAction(contactFlowEvent({ contactId: `bench-push-${iteration}`, attributes: { ASAPP_CompanyMarker: COMPANY } })),
    );
    const connectionsDuringReuse = await inspector.run((connection) => connection.client('LIST') as Promise<string>);
    const connectedClients = await inspector.run((connection) => connection.info('clients'));
    const perInvocationPull = await measure(() => referencePull(poll));
    const perInvocationPush = await measure((iteration) => referencePush(speak(`bench-reference-${iteration}`)));
    return { reusedPull, reliablePull, replicatedPush, reusedPush, reusedPullSpeak, perInvocationPull, perInvocationPush, connectionsDuringReuse, connectedClients };
  });

  const namedConnections = (name: string) =>
    results.connectionsDuringReuse.split('\n').filter((line) => line.includes(` name=${name} `)).length;
  const connectedClients = /connected_clients:(\d+)/.exec(results.connectedClients)?.[1];
  console.log(
    `warm invocations: ${ITERATIONS} measured after ${WARMUP} warm-up, sequential, against ${server.binary} on ` +
      `${server.host}:${server.port}; ${cpus().length} CPUs, load average ${loadavg()[0]?.toFixed(2)} (tails grow with load)`,
  );
  console.log(row('pull-action, reused connection (empty queue)', results.reusedPull));
  console.log(row('pull-action, at-least-once (lastSequence, empty)', results.reliablePull));
  console.log(row('pull-action, reused connection (speak)', results.reusedPullSpeak));
  console.log(row('push-action, reused connection', results.reusedPush));
  console.log(row('push-action, WAIT for the replica (VALKEY_REPLICAS=1)', results.replicatedPush));
  console.log(row('pull-action, connection per invocation', results.perInvocationPull));
  console.log(row('push-action, connection per invocation', results.perInvocationPush));
  console.log(
    `p50 speed-up of the reused connection: pull-action ${(results.perInvocationPull.p50 / results.reusedPull.p50).toFixed(1)}x, ` +
      `push-action ${(results.perInvocationPush.p50 / results.reusedPush.p50).toFixed(1)}x`,
  );
  console.log(
    `server connections after the reused-connection runs (${4 * (WARMUP + ITERATIONS)} invocations): connected_clients ${connectedClients} ` +
      `(pull-action ${namedConnections('pull-action')}, push-action ${namedConnections('push-action')}, this bench's inspector 1; ` +
      'the WAIT container has its own primary and replica)',
  );
  const targets = [
    ['pull-action p50 < 0.5 ms', results.reusedPull.p50 < 0.5],
    ['pull-action at-least-once p50 < 0.5 ms', results.reliablePull.p50 < 0.5],
    ['pull-action p99 < 3 ms', results.reusedPull.p99 < 3],
    ['>= 4x faster at p50 than a connection per invocation', results.perInvocationPull.p50 / results.reusedPull.p50 >= 4],
  ] as const;
  for (const [target, met] of targets) console.log(`${met ? 'met   ' : 'MISSED'} ${target}`);

  await inspector.close();
  await replica.stop();
  await replicatedServer.stop();
  await server.stop();
  // The handlers keep their connection for the container's life, as in Lambda; end the process here.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
