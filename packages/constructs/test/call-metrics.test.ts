import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_METRICS, LAMBDA_NAMES, METRIC_DIMENSION_NAMES } from '@genagent-connect/lambdas';
import { type CallMetricsProps, Monitoring, type MonitoringProps } from '../src';
import { onlyResource, resourcesOf, synth } from './synth';

const dimensionsOf = (fn: (typeof LAMBDA_NAMES)[number]) => ({ service: fn, environment: 'ga-dev', function: fn });
const callMetrics: CallMetricsProps = {
  namespace: 'GenAgentConnect',
  dimensions: Object.fromEntries(LAMBDA_NAMES.map((fn) => [fn, dimensionsOf(fn)])),
};
const base: MonitoringProps = {
  namePrefix: 'ga-dev',
  region: 'us-east-1',
  functions: [{ functionName: 'ga-dev-engage', limitMs: 8000 }],
  callMetrics,
};

type Query = { id: string; expression?: string; return_data?: boolean; metric?: Record<string, unknown> };
type Alarm = Record<string, unknown> & { alarm_name: string; alarm_description: string; metric_query?: Query[] };

const alarmsOf = (props: MonitoringProps) => resourcesOf(synth((scope) => new Monitoring(scope, 'monitoring', props)), 'aws_cloudwatch_metric_alarm') as Alarm[];
const customAlarms = (props: MonitoringProps) => alarmsOf(props).filter((alarm) => alarm.metric_query);

describe('Monitoring on the handlers\u2019 metrics', () => {
  it('alarms on engage and PSTN failures, pull-action errors, queue wait p99, push refusals and calls ending in error', () => {
    expect(customAlarms(base).map((alarm) => alarm.alarm_name).sort()).toEqual(
      [
        'ga-dev-call-context-asapp-failures',
        'ga-dev-call-transfer-asapp-failures',
        'ga-dev-engage-asapp-failures',
        'ga-dev-ending-in-error',
        'ga-dev-pull-action-error-answers',
        'ga-dev-pull-action-queue-wait-p99',
        'ga-dev-push-action-refusals',
      ].sort(),
    );
  });

  it('names only metrics and dimension sets the handlers emit, one returned series, at most 10 metrics (AWS limit)', () => {
    for (const alarm of customAlarms(base)) {
      const queries = alarm.metric_query ?? [];
      expect(queries.filter((query) => query.return_data)).toHaveLength(1);
      const metrics = queries.flatMap((query) => (query.metric ? [query.metric] : []));
      expect(metrics.length).toBeGreaterThan(0);
      expect(metrics.length).toBeLessThanOrEqual(10);
      for (const metric of metrics) {
        const dimensions = metric.dimensions as Record<string, string>;
        expect(Object.keys(dimensions).sort()).toEqual([...METRIC_DIMENSION_NAMES].sort());
        const fn = dimensions.function as (typeof LAMBDA_NAMES)[number];
        expect(dimensions).toEqual(dimensionsOf(fn));
        expect(metric.namespace).toBe('GenAgentConnect');
        expect(FUNCTION_METRICS[fn].map((definition) => definition.name)).toContain(metric.metric_name);
      }
      // Every id an expression uses is defined in the alarm.
      const ids = new Set(queries.map((query) => query.id));
      for (const query of queries.filter((q) => q.expression)) {
        for (const id of query.expression?.match(/\b[a-z][A-Za-z0-9_]*\b/g) ?? []) {
          if (id !== 'SUM') expect(ids).toContain(id);
        }
      }
    }
  });

  it('sums every failure kind of engage, and watches QueueWait p99 with the given threshold', () => {
    const alarms = customAlarms({ ...base, callAlarmThresholds: { queueWaitP99Ms: 400, asappFailures: 3 } });
    const engage = alarms.find((alarm) => alarm.alarm_name === 'ga-dev-engage-asapp-failures');
    expect(engage).toMatchObject({ threshold: 3, comparison_operator: 'GreaterThanThreshold', treat_missing_data: 'notBreaching' });
    expect(engage?.metric_query?.flatMap((query) => (query.metric ? [query.metric.metric_name] : [])).sort()).toEqual(
      ['AsappError4xx', 'AsappError5xx', 'AsappInvalidResponse', 'AsappNetworkError', 'AsappTimeout', 'ConfigurationError'].sort(),
    );
    const wait = alarms.find((alarm) => alarm.alarm_name === 'ga-dev-pull-action-queue-wait-p99');
    expect(wait).toMatchObject({ threshold: 400, evaluation_periods: 5, datapoints_to_alarm: 3 });
    expect(wait?.metric_query?.[0]?.metric).toMatchObject({ metric_name: 'QueueWait', stat: 'p99', period: 60 });
  });

  it('counts calls ending in error over engage failures and pull-action error endings in one SUM, against engage attempts', () => {
    const alarm = customAlarms(base).find((candidate) => candidate.alarm_name === 'ga-dev-ending-in-error');
    const byId = Object.fromEntries((alarm?.metric_query ?? []).map((query) => [query.id, query]));
    expect(byId.errors?.expression).toBe('SUM([e0, e1, e2, f0, f1, f2, f3, f4, f5])');
    expect(byId.attempts?.expression).toBe('SUM([engaged, f0, f1, f2, f3, f4, f5])');
    expect(byId.percent).toMatchObject({ expression: '100 * errors / attempts', return_data: true });
    expect(['e0', 'e1', 'e2'].map((id) => byId[id]?.metric?.metric_name)).toEqual([
      'ConversationError',
      'ConversationIdleLimit',
      'ConversationLengthLimit',
    ]);
  });

  it('alarms only on the functions it is given (a PSTN-only environment)', () => {
    const pstnOnly = { ...base, callMetrics: { ...callMetrics, dimensions: { 'call-transfer': dimensionsOf('call-transfer') } } };
    expect(customAlarms(pstnOnly).map((alarm) => alarm.alarm_name)).toEqual(['ga-dev-call-transfer-asapp-failures']);
  });

  it('names, in every alarm description, a section that exists in docs/runbook.md', () => {
    const runbook = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'runbook.md'), 'utf8');
    const withValkey = { ...base, valkeyCacheClusterIds: ['ga-dev-valkey-001'], runbookUrl: 'https://example.com/runbook.md' };
    const alarms = alarmsOf(withValkey);
    expect(alarms.length).toBeGreaterThan(10);
    for (const alarm of alarms) {
      const section = /\. Runbook: https:\/\/example\.com\/runbook\.md#([a-z0-9-]+)$/.exec(alarm.alarm_description)?.[1];
      expect([alarm.alarm_name, section && runbook.includes(`<a id="${section}"></a>`)]).toEqual([alarm.alarm_name, true]);
    }
    expect(alarmsOf(base)[0]?.alarm_description).toMatch(/\. Runbook: docs\/runbook\.md#[a-z-]+$/);
  });

  it('puts the contact center view first on the dashboard, then the Lambda panels', () => {
    const out = synth((scope) => new Monitoring(scope, 'monitoring', base));
    const body = JSON.parse(String(onlyResource(out, 'aws_cloudwatch_dashboard').dashboard_body)) as {
      widgets: Array<{ y: number; properties: { title: string; metrics: unknown[][] } }>;
    };
    const titles = body.widgets.map((widget) => widget.properties.title);
    expect(titles.slice(0, 5)).toEqual([
      'Calls engaged (GenerativeAgent took the call)',
      'How calls leave GenerativeAgent',
      'Engage failures by kind',
      'Queue wait, push → pull (ms)',
      'PullAction calls per engaged call',
    ]);
    const firstLambda = body.widgets.findIndex((widget) => widget.properties.title.startsWith('ga-dev-engage:'));
    expect(firstLambda).toBeGreaterThan(5);
    expect(body.widgets[firstLambda]?.y).toBeGreaterThanOrEqual(Math.max(...body.widgets.slice(0, firstLambda).map((widget) => widget.y)) + 6);
    expect(body.widgets[3]?.properties.metrics).toContainEqual([
      'GenAgentConnect', 'QueueWait', 'service', 'pull-action', 'environment', 'ga-dev', 'function', 'pull-action',
      { stat: 'p99', label: 'QueueWait p99' },
    ]);
    const rows = body.widgets.flatMap((widget) => widget.properties.metrics);
    for (const row of rows.filter((entry) => entry[0] === 'GenAgentConnect')) {
      const fn = row[7] as (typeof LAMBDA_NAMES)[number];
      expect(FUNCTION_METRICS[fn].map((definition) => definition.name)).toContain(row[1]);
    }
  });
});
