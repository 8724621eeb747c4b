import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { type AsappEmulator, startAsappEmulator } from '@genagent-connect/asapp-emulator';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { unzipSync } from 'fflate';
import { bundleLambdas, type LambdaBundleResult, MAX_ZIP_BYTES } from '../scripts/lambda-bundler';
import { bundleStaleness } from '../src/bundle-sources';
import { LAMBDA_NAMES, type LambdaName, lambdaBundles } from '../src/bundles';
import { contactFlowEvent } from './support/connect-events';
import { type EmfDocument, parseEmfLine } from './support/emf';

// The zips are built here from the current source (the build script runs the same bundler into dist/), so these
// tests never pass on a stale dist/.

let workDir: string;
let bundles: LambdaBundleResult[];
const extracted = new Map<LambdaName, string>();

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'lambda-bundles-'));
  bundles = await bundleLambdas({ outDir: join(workDir, 'zips') });
  for (const { name, zipPath } of bundles) {
    const files = unzipSync(await readFile(zipPath));
    const directory = join(workDir, name);
    await mkdir(directory);
    for (const [fileName, contents] of Object.entries(files)) await writeFile(join(directory, fileName), contents);
    extracted.set(name, join(directory, 'index.js'));
  }
}, 60_000);
afterAll(() => rm(workDir, { recursive: true, force: true }));

it('declares one dist/<name>.zip per Lambda', () => {
  expect(Object.keys(lambdaBundles).sort()).toEqual([...LAMBDA_NAMES].sort());
  for (const name of LAMBDA_NAMES) expect(lambdaBundles[name].zipPath).toMatch(new RegExp(`/packages/lambdas/dist/${name}\\.zip$`));
});

describe.each(LAMBDA_NAMES)('%s.zip', (name) => {
  it('holds only index.js, is under 200 KB, and exports a handler function', async () => {
    const bundle = bundles.find((result) => result.name === name) as LambdaBundleResult;
    expect(bundle.zipBytes).toBeLessThan(MAX_ZIP_BYTES);
    expect(Object.keys(unzipSync(await readFile(bundle.zipPath)))).toEqual(['index.js']);
    const loaded = require(extracted.get(name) as string) as { handler?: unknown };
    expect(typeof loaded.handler).toBe('function');
  });
});

it('records the sources of each zip by relative path and hash, so a later change to any of them is caught', async () => {
  const record = JSON.parse(await readFile(join(workDir, 'zips', 'engage.sources.json'), 'utf8')) as { sources: Record<string, string> };
  const paths = Object.keys(record.sources);
  expect(paths).toEqual(expect.arrayContaining(['src/handlers/engage.ts', 'scripts/lambda-bundler.ts']));
  expect(paths.filter((path) => isAbsolute(path) || path.includes(tmpdir()))).toEqual([]);
  const zipPath = join(workDir, 'zips', 'engage.zip');
  const sourcesPath = join(workDir, 'zips', 'engage.sources.json');
  expect(bundleStaleness(zipPath, sourcesPath)).toBeUndefined();
  const copy = await mkdtemp(join(tmpdir(), 'lambda-sources-'));
  await cp(join(__dirname, '..', 'src'), join(copy, 'src'), { recursive: true });
  await cp(join(__dirname, '..', 'scripts'), join(copy, 'scripts'), { recursive: true });
  await writeFile(join(copy, 'src', 'handlers', 'engage.ts'), '// changed\n', { flag: 'a' });
  // The copy holds the package's own files only; the record's node_modules entries are left out with them.
  const onlyPackageSources = { sources: Object.fromEntries(Object.entries(record.sources).filter(([path]) => !path.startsWith('..'))) };
  await writeFile(join(copy, 'engage.sources.json'), JSON.stringify(onlyPackageSources));
  expect(bundleStaleness(zipPath, join(copy, 'engage.sources.json'), copy)).toBe('src/handlers/engage.ts changed since it was built');
  expect(bundleStaleness(join(copy, 'missing.zip'), sourcesPath)).toBe('not built');
  await rm(copy, { recursive: true, force: true });
});

it('is byte-for-byte the same when built again from the same source', async () => {
  const again = await bundleLambdas({ outDir: join(workDir, 'zips-again'), names: ['pull-action'] });
  const first = bundles.find((result) => result.name === 'pull-action') as LambdaBundleResult;
  expect(Buffer.compare(await readFile(again[0]?.zipPath as string), await readFile(first.zipPath))).toBe(0);
});

describe('the bundled handlers, run as Lambda runs them (a fresh Node process, env vars, no workspace)', () => {
  let server: LocalValkeyServer;
  let emulator: AsappEmulator;

  beforeAll(async () => {
    [server, emulator] = await Promise.all([startValkeyServer(), startAsappEmulator()]);
  });
  afterAll(async () => {
    await emulator.close();
    await server.stop();
  });

  /** The EMF documents the last invokeBundled's handlers wrote to stdout. */
  let bundledEmf: EmfDocument[] = [];

  /** Invokes bundled handlers in order in one child process (one warm container per bundle) and returns the responses. */
  async function invokeBundled(
    invocations: { name: LambdaName; event: unknown }[],
    environment: Record<string, string>,
  ): Promise<unknown[]> {
    const script = `
      const invocations = JSON.parse(process.env.INVOCATIONS);
      const handlers = {};
      (async () => {
        const responses = [];
        for (const { path, event } of invocations) {
          handlers[path] ??= require(path).handler;
          responses.push(await handlers[path](event, undefined));
        }
        process.stdout.write('RESPONSES ' + JSON.stringify(responses) + '\\n');
        process.exit(0);
      })();`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        INVOCATIONS: JSON.stringify(invocations.map(({ name, event }) => ({ path: extracted.get(name), event }))),
        ...environment,
      },
    });
    bundledEmf = stdout
      .split('\n')
      .filter((output) => output.startsWith('{"_aws"'))
      .map(parseEmfLine);
    const line = stdout.split('\n').find((output) => output.startsWith('RESPONSES '));
    return JSON.parse(line?.slice('RESPONSES '.length) ?? 'null');
  }

  it('push-action stores and pull-action delivers through a real server', async () => {
    const poll = contactFlowEvent({ contactId: 'bundled-call', attributes: { ASAPP_CompanyMarker: 'acme' } });
    const responses = await invokeBundled(
      [
        { name: 'push-action', event: { action: 'speak', companyMarker: 'acme', guid: 'bundled-call', speakParams: { text: 'A & B' } } },
        { name: 'push-action', event: { action: 'dance', companyMarker: 'acme', guid: 'bundled-call' } },
        { name: 'push-action', event: { action: 'disengage', companyMarker: 'acme', guid: null } },
        { name: 'pull-action', event: poll },
        { name: 'pull-action', event: poll },
      ],
      {
        VALKEY_HOST: server.host,
        VALKEY_PORT: String(server.port),
        SSML_CONVERSIONS: JSON.stringify([{ searchFor: 'b', replaceWith: '<emphasis>B</emphasis>' }]),
      },
    );
    expect(responses).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, errorMessage: 'missing guid field' },
      { next: 'speak', text: '<speak>A &amp; <emphasis>B</emphasis></speak>', textType: 'ssml', playBeepBop: 1, pullMode: 'poll' },
      { next: 'none', playBeepBop: 0, pullMode: 'poll' },
    ]);
    // One EMF line per invocation on the function's stdout, as CloudWatch Logs receives it.
    expect(bundledEmf.map((document) => [document.dimensions.function, Object.keys(document.values)])).toEqual([
      ['push-action', ['PushAccepted']],
      ['push-action', ['PushUnknownAction']],
      ['push-action', ['PushRefusedMalformed']],
      ['pull-action', ['QueueWait', 'PullSpeak']],
      ['pull-action', ['PullNone']],
    ]);
    expect(bundledEmf[0]).toMatchObject({ namespace: 'GenAgentConnect', dimensions: { environment: 'local', service: 'genagent-connect-push-action' } });
  });

  it('engage, call-transfer and call-context reach ASAPP (the emulator)', async () => {
    const event = contactFlowEvent({ contactId: 'bundled-asapp' });
    const responses = await invokeBundled(
      [
        { name: 'engage', event },
        { name: 'call-transfer', event },
        { name: 'call-context', event },
      ],
      {
        ASAPP_API_HOST: emulator.url,
        ASAPP_API_ID: emulator.credentials.apiId,
        ASAPP_API_SECRET: emulator.credentials.apiSecret,
      },
    );
    expect(responses).toEqual([
      { result: 'success', asappStatusCode: 200, asappErrorResponse: null, errorMessage: '' },
      { result: 'ok', error: '', transferNumber: expect.stringMatching(/^\+\d+$/) },
      expect.objectContaining({ result: 'error', error: expect.stringContaining('output context not found') }),
    ]);
  });

  it('answers a configuration error instead of crashing', async () => {
    const responses = await invokeBundled([{ name: 'pull-action', event: contactFlowEvent() }], { VALKEY_PORT: 'x' });
    expect(responses).toEqual([
      { next: 'error', text: expect.stringMatching(/^invalid environment variable VALKEY_HOST: not set/), playBeepBop: 0, pullMode: 'poll' },
    ]);
  });
});
