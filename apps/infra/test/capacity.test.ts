import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeEnvironments } from '../src/app';
import {
  capacityPlan,
  capacityProblem,
  describePlan,
  MEASURED_PER_CALL_MINUTE,
  MIN_UNRESERVED_CONCURRENCY,
  PLANNING_DURATION_MS,
} from '../src/capacity';
import type { EnvironmentFile } from '../src/config/environment-schema';
import { configFrom, exampleConfig, lambdaNamed, fixtureEnvironmentsDir, synthStack } from './synth';

const devFile = JSON.parse(readFileSync(join(fixtureEnvironmentsDir, 'dev.json'), 'utf8')) as EnvironmentFile;
const mediaOnly: EnvironmentFile = { ...devFile, modes: { mediaStreaming: true, pstnTransfer: false } };
const longPoll = (peakConcurrentCalls: number, extra: Partial<EnvironmentFile> = {}): EnvironmentFile => ({
  ...mediaOnly,
  pullMode: { mode: 'longPoll', maxWaitMs: 5000 },
  peakConcurrentCalls,
  ...extra,
});
// A second environment beside dev must differ in what the cross-file checks compare: name prefix and instance.
const secondEnvironment: Partial<EnvironmentFile> = {
  namePrefix: 'genagent-p',
  connectInstanceArn: devFile.connectInstanceArn.replace(/[0-9a-f]{4}$/, 'ffff'),
};
const needs = (file: EnvironmentFile) =>
  Object.fromEntries(capacityPlan(configFrom(file)).functions.map((fn) => [fn.name, fn.concurrency]));

describe('capacityPlan', () => {
  it('gives pull-action one reserved execution per call in long-poll', () => {
    const plan = capacityPlan(configFrom(longPoll(50)));
    expect(plan.functions.find((fn) => fn.name === 'pull-action')).toEqual({ name: 'pull-action', concurrency: 50, reserved: true });
    expect(plan.functions.filter((fn) => fn.reserved).map((fn) => fn.name)).toEqual(['pull-action']);
  });

  it('sizes the other functions as invocations per second × planning duration, rounded up', () => {
    const rates = MEASURED_PER_CALL_MINUTE.poll.invocations;
    const expected = (name: 'engage' | 'pull-action' | 'push-action', calls: number) =>
      Math.ceil((calls * rates[name] * PLANNING_DURATION_MS[name]) / 60_000);
    expect(needs({ ...mediaOnly, peakConcurrentCalls: 300 })).toEqual({
      engage: expected('engage', 300),
      'pull-action': expected('pull-action', 300),
      'push-action': expected('push-action', 300),
    });
    expect(expected('pull-action', 300)).toBeGreaterThan(1);
    expect(capacityPlan(configFrom({ ...mediaOnly, peakConcurrentCalls: 300 })).functions.every((fn) => !fn.reserved)).toBe(true);
  });

  it('needs at least 1 of every deployed function, and at least its provisioned concurrency', () => {
    expect(needs({ ...devFile, peakConcurrentCalls: 1 })).toEqual({
      engage: 1,
      'pull-action': 1,
      'push-action': 1,
      'call-transfer': 1,
      'call-context': 1,
    });
    expect(needs(longPoll(3, { provisionedConcurrency: { 'pull-action': 8, engage: 4 } }))).toMatchObject({ 'pull-action': 8, engage: 4 });
  });

  it('plans only the functions of the modes that are on, and Valkey only with media streaming', () => {
    const pstn = capacityPlan(configFrom({ ...devFile, modes: { mediaStreaming: false, pstnTransfer: true }, sampleInboundFlow: false }));
    expect(pstn.functions.map((fn) => fn.name)).toEqual(['call-transfer', 'call-context']);
    expect(pstn.valkeyOpsPerSecond).toBe(0);
  });

  it('scales the measured Valkey commands per call-minute to operations per second at the peak', () => {
    expect(capacityPlan(configFrom(longPoll(60))).valkeyOpsPerSecond).toBeCloseTo(MEASURED_PER_CALL_MINUTE.longPoll.valkeyCommands);
    expect(capacityPlan(configFrom({ ...mediaOnly, peakConcurrentCalls: 60 })).valkeyOpsPerSecond).toBeCloseTo(
      MEASURED_PER_CALL_MINUTE.poll.valkeyCommands,
    );
  });

  it('describes the plan in one line', () => {
    const config = configFrom(longPoll(50));
    const plan = capacityPlan(config);
    const line = describePlan('prod', plan, 1000);
    expect(line).toMatch(/^prod: peak 50 calls → Lambda concurrency engage \d+, pull-action 50 \(long-poll, reserved\), push-action \d+ = \d+ \(\+100 unreserved, limit 1000\); Valkey ~\d+ ops\/s$/);
    expect(line).toContain(`= ${plan.totalConcurrency} `);
  });
});

describe('capacityProblem', () => {
  it('accepts a need that leaves the 100 unreserved executions within the limit, and rejects one more', () => {
    const plan = capacityPlan(configFrom(longPoll(50)));
    const fits = { region: 'us-east-1', lambdaConcurrencyLimit: plan.totalConcurrency + MIN_UNRESERVED_CONCURRENCY };
    expect(capacityProblem(plan, fits)).toBeUndefined();
    expect(capacityProblem(plan, { ...fits, lambdaConcurrencyLimit: fits.lambdaConcurrencyLimit - 1 })).toMatch(
      /^peakConcurrentCalls: 50 calls need \d+ concurrent Lambda executions \(engage \d+, pull-action 50 reserved, push-action \d+\) plus the 100 Lambda keeps unreserved = \d+, more than lambdaConcurrencyLimit \d+\. Raise the account's Lambda "Concurrent executions" quota in us-east-1 with Service Quotas \(quota code L-B99A9384\) and set lambdaConcurrencyLimit to the new value, or lower peakConcurrentCalls\.$/,
    );
  });
});

describe('synthesized capacity', () => {
  it('reserves pull-action concurrency in long-poll (prod example), and nothing in poll mode (dev example)', () => {
    const prod = exampleConfig('prod');
    expect(prod.pullMode.mode).toBe('longPoll');
    const prodStack = synthStack('prod', prod);
    expect(lambdaNamed(prodStack, 'genagent-prod-pull-action').reserved_concurrent_executions).toBe(prod.peakConcurrentCalls);
    for (const name of ['engage', 'push-action', 'call-transfer', 'call-context']) {
      expect(lambdaNamed(prodStack, `genagent-prod-${name}`)).not.toHaveProperty('reserved_concurrent_executions');
    }
    const devStack = synthStack('dev', exampleConfig('dev'));
    expect(lambdaNamed(devStack, 'genagent-dev-pull-action')).not.toHaveProperty('reserved_concurrent_executions');
  });

  function workspace(files: Record<string, unknown>) {
    const root = mkdtempSync(join(tmpdir(), 'infra-capacity-'));
    const environmentsDir = join(root, 'environments');
    mkdirSync(environmentsDir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(environmentsDir, name), JSON.stringify(content));
    return { root, environmentsDir, outdir: join(root, 'cdktf.out') };
  }

  it('prints one line per environment at synth', () => {
    const { root, environmentsDir, outdir } = workspace({ 'dev.json': devFile, 'prod.json': longPoll(40, secondEnvironment) });
    const lines: string[] = [];
    synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir, log: (line) => lines.push(line) });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^dev: peak 5 calls → Lambda concurrency engage 1, pull-action \d+ \(poll\), push-action 1, call-transfer 1, call-context 1 = \d+/);
    expect(lines[1]).toMatch(/^prod: peak 40 calls → .*pull-action 40 \(long-poll, reserved\)/);
  });

  it('fails naming the file and field when the peak does not fit the account, and writes no stack', () => {
    const { root, environmentsDir, outdir } = workspace({
      'dev.json': devFile,
      'prod.json': longPoll(950, secondEnvironment),
    });
    const run = () => synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir });
    expect(run).toThrow(/^Invalid environment configuration:\n {2}- environments\/prod\.json: peakConcurrentCalls: 950 calls need \d+ .* more than lambdaConcurrencyLimit 1000\. Raise .* Service Quotas/);
    expect(existsSync(outdir)).toBe(false);
  });

  it('accepts the same peak once lambdaConcurrencyLimit says the quota was raised', () => {
    const { root, environmentsDir, outdir } = workspace({ 'prod.json': longPoll(950, { lambdaConcurrencyLimit: 2000 }) });
    expect(synthesizeEnvironments({ environmentsDir, displayRoot: root, outdir })).toEqual(['prod']);
  });
});
