import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { type MonitoringProps, Monitoring } from '../src';
import { onlyResource, resourcesOf, synth } from './synth';

const topic = 'arn:aws:sns:us-east-1:123456789012:ga-alarms';
const base: MonitoringProps = {
  namePrefix: 'ga-dev',
  region: 'us-east-1',
  functions: [
    { functionName: 'ga-dev-engage', limitMs: 8000 },
    { functionName: 'ga-dev-pull-action', limitMs: 3000 },
  ],
  valkeyCacheClusterIds: ['ga-dev-valkey-001', 'ga-dev-valkey-002'],
};

function alarmNamed(out: string, name: string) {
  const alarm = resourcesOf(out, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === name);
  if (!alarm) throw new Error(`no alarm ${name}`);
  return alarm;
}

describe('Monitoring', () => {
  it('alarms on any Lambda error or throttle', () => {
    const out = synth((scope) => new Monitoring(scope, 'monitoring', base));
    for (const metric of ['Errors', 'Throttles']) {
      expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        namespace: 'AWS/Lambda',
        metric_name: metric,
        dimensions: { FunctionName: 'ga-dev-pull-action' },
        statistic: 'Sum',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        treat_missing_data: 'notBreaching',
      });
    }
    expect(alarmNamed(out, 'ga-dev-engage-errors').dimensions).toEqual({ FunctionName: 'ga-dev-engage' });
  });

  it("alarms when p99 duration nears the flow's wait: 80% of 8 s for Engage, of 3 s for PullAction", () => {
    const out = synth((scope) => new Monitoring(scope, 'monitoring', base));
    expect(alarmNamed(out, 'ga-dev-engage-duration-p99')).toMatchObject({ metric_name: 'Duration', extended_statistic: 'p99', threshold: 6400 });
    expect(alarmNamed(out, 'ga-dev-pull-action-duration-p99')).toMatchObject({ threshold: 2400 });
    const custom = synth((scope) => new Monitoring(scope, 'monitoring', { ...base, durationAlarmFraction: 0.5 }));
    expect(alarmNamed(custom, 'ga-dev-pull-action-duration-p99')).toMatchObject({ threshold: 1500 });
  });

  it('keeps an idle long-poll below the duration alarm: at least halfway from the designed wait to the limit', () => {
    const longPoll = (designedWaitMs: number) =>
      synth((scope) => new Monitoring(scope, 'monitoring', { ...base, functions: [{ functionName: 'ga-dev-pull-action', limitMs: 3000, designedWaitMs }] }));
    expect(alarmNamed(longPoll(1000), 'ga-dev-pull-action-duration-p99')).toMatchObject({ threshold: 2400 });
    expect(alarmNamed(longPoll(2500), 'ga-dev-pull-action-duration-p99')).toMatchObject({ threshold: 2750 });
  });

  it('alarms per Valkey node on engine CPU, memory, evictions and connections', () => {
    const out = synth((scope) => new Monitoring(scope, 'monitoring', { ...base, valkeyThresholds: { connections: 500 } }));
    for (const node of ['ga-dev-valkey-001', 'ga-dev-valkey-002']) {
      expect(alarmNamed(out, `${node}-engine-cpu`)).toMatchObject({
        namespace: 'AWS/ElastiCache',
        metric_name: 'EngineCPUUtilization',
        dimensions: { CacheClusterId: node },
        threshold: 80,
      });
      expect(alarmNamed(out, `${node}-memory`)).toMatchObject({ metric_name: 'DatabaseMemoryUsagePercentage', threshold: 80 });
      expect(alarmNamed(out, `${node}-evictions`)).toMatchObject({ metric_name: 'Evictions', threshold: 0 });
      expect(alarmNamed(out, `${node}-connections`)).toMatchObject({ metric_name: 'CurrConnections', threshold: 500 });
    }
    expect(resourcesOf(out, 'aws_cloudwatch_metric_alarm')).toHaveLength(2 * 3 + 2 * 4);
  });

  it('notifies the SNS topic on alarm and recovery when given, and nothing otherwise', () => {
    const withTopic = synth((scope) => new Monitoring(scope, 'monitoring', { ...base, alarmTopicArn: topic }));
    for (const alarm of resourcesOf(withTopic, 'aws_cloudwatch_metric_alarm')) {
      expect(alarm).toMatchObject({ alarm_actions: [topic], ok_actions: [topic] });
    }
    const without = synth((scope) => new Monitoring(scope, 'monitoring', base));
    expect(alarmNamed(without, 'ga-dev-engage-errors').alarm_actions).toEqual([]);
  });

  it('draws one dashboard with every function and Valkey node', () => {
    const out = synth((scope) => new Monitoring(scope, 'monitoring', base));
    const dashboard = onlyResource(out, 'aws_cloudwatch_dashboard');
    expect(dashboard.dashboard_name).toBe('ga-dev-generativeagent');
    const body = JSON.parse(String(dashboard.dashboard_body)) as {
      widgets: Array<{ properties: { region: string; metrics: unknown[][] } }>;
    };
    const metricRows = body.widgets.flatMap((widget) => widget.properties.metrics);
    expect(body.widgets.every((widget) => widget.properties.region === 'us-east-1')).toBe(true);
    expect(metricRows).toContainEqual(['AWS/Lambda', 'Duration', 'FunctionName', 'ga-dev-pull-action', { stat: 'p99' }]);
    expect(metricRows).toContainEqual(['AWS/Lambda', 'Errors', 'FunctionName', 'ga-dev-engage', { stat: 'Sum' }]);
    expect(metricRows).toContainEqual(['AWS/ElastiCache', 'Evictions', 'CacheClusterId', 'ga-dev-valkey-002', { stat: 'Sum' }]);
  });

  it.each([
    [{ durationAlarmFraction: 1.5 }, /durationAlarmFraction 1.5 must be greater than 0 and at most 1/],
    [{ functions: [{ functionName: 'ga-dev-engage', limitMs: 0 }] }, /functions\[ga-dev-engage\].limitMs 0 must be a positive number/],
    [
      { functions: [{ functionName: 'ga-dev-pull-action', limitMs: 3000, designedWaitMs: 3000 }] },
      /functions\[ga-dev-pull-action\].designedWaitMs 3000 must be at least 0 and below limitMs 3000/,
    ],
  ] as const)('rejects %j', (override, message) => {
    expect(() => synth((scope) => new Monitoring(scope, 'monitoring', { ...base, ...override }))).toThrow(message);
  });
});
