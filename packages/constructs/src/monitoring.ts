import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { type CallAlarmThresholds, type CallMetricsProps, callAlarmSpecs, callDashboardPanels } from './call-metrics';
import { resourceName } from './naming';

/** A Lambda to watch, and the time its caller waits for it. */
export interface MonitoredFunction {
  /** Literal function name (`IntegrationFunction.functionName`). */
  readonly functionName: string;
  /**
   * How long the caller waits, in ms: the flow's InvocationTimeLimitSeconds (e.g. 8 s for Engage),
   * else the function's timeout. The duration alarm fires near it.
   */
  readonly limitMs: number;
  /**
   * How long a healthy invocation lasts by design, in ms: PullAction's long-poll wait when the queue stays empty. The
   * duration alarm then sits at least halfway between it and `limitMs`, so idle long-polls do not keep it firing.
   * @default 0
   */
  readonly designedWaitMs?: number;
}

/** Valkey thresholds; defaults suit the small nodes ASAPP suggests. */
export interface ValkeyAlarmThresholds {
  /** EngineCPUUtilization (%), average over 5 minutes. @default 80 */
  readonly engineCpuPercent?: number;
  /** DatabaseMemoryUsagePercentage, average over 5 minutes. @default 80 */
  readonly memoryPercent?: number;
  /** CurrConnections (one per warm Lambda container). @default 1000 */
  readonly connections?: number;
}

export interface MonitoringProps {
  /** Prefix of the dashboard name. */
  readonly namePrefix: string;
  /** Region of the metrics, shown on the dashboard. */
  readonly region: string;
  /** The Lambdas to alarm on and chart. */
  readonly functions: readonly MonitoredFunction[];
  /** Member cache cluster ids (`ValkeyCache.cacheClusterIds`). @default no Valkey alarms */
  readonly valkeyCacheClusterIds?: readonly string[];
  /** @default the defaults of each threshold */
  readonly valkeyThresholds?: ValkeyAlarmThresholds;
  /** SNS topic notified when alarms fire and recover. @default alarms only show in CloudWatch */
  readonly alarmTopicArn?: string;
  /** Duration alarm threshold as a fraction of `limitMs` (p99 over a minute). @default 0.8 */
  readonly durationAlarmFraction?: number;
  /**
   * The handlers' own metrics (what callers experience): alarms on them and the dashboard's first rows.
   * @default no alarm or panel on the handlers' metrics
   */
  readonly callMetrics?: CallMetricsProps;
  /** @default the defaults of each threshold */
  readonly callAlarmThresholds?: CallAlarmThresholds;
  /**
   * The runbook every alarm description points into, as `<runbookUrl>#<section>`.
   * @default "docs/runbook.md" (the repository's runbook)
   */
  readonly runbookUrl?: string;
}

type AlarmSpec = Pick<
  CloudwatchMetricAlarmConfig,
  | 'namespace'
  | 'metricName'
  | 'dimensions'
  | 'statistic'
  | 'extendedStatistic'
  | 'threshold'
  | 'period'
  | 'evaluationPeriods'
  | 'datapointsToAlarm'
  | 'alarmDescription'
  | 'metricQuery'
> & {
  /** Anchor in the runbook the description names. */
  readonly runbookSection: string;
};

/**
 * Alarms on what breaks calls: Lambda errors and throttles (any), Lambda p99 duration near the
 * flow's wait limit (a slower answer means the flow takes its error branch), and Valkey engine CPU,
 * memory (noeviction: a full cache refuses pushes), evictions (should never happen) and connections; plus one dashboard per environment.
 */
export class Monitoring extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly dashboard: CloudwatchDashboard;

  private readonly alarmTopicArn?: string;
  private readonly runbookUrl: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopicArn = props.alarmTopicArn;
    this.runbookUrl = props.runbookUrl ?? 'docs/runbook.md';
    const fraction = props.durationAlarmFraction ?? 0.8;
    if (!(fraction > 0 && fraction <= 1)) {
      throw new Error(`Monitoring durationAlarmFraction ${fraction} must be greater than 0 and at most 1.`);
    }

    for (const fn of props.functions) {
      const durationThreshold = durationThresholdMs(fn, fraction);
      const dimensions = { FunctionName: fn.functionName };
      const lambdaMetric = { namespace: 'AWS/Lambda', dimensions, period: 60 };
      this.alarm(fn.functionName, 'errors', {
        ...lambdaMetric,
        metricName: 'Errors',
        statistic: 'Sum',
        threshold: 0,
        evaluationPeriods: 1,
        alarmDescription: `${fn.functionName} failed (the flow took its error branch)`,
        runbookSection: 'lambda-errors-and-throttles',
      });
      this.alarm(fn.functionName, 'throttles', {
        ...lambdaMetric,
        metricName: 'Throttles',
        statistic: 'Sum',
        threshold: 0,
        evaluationPeriods: 1,
        alarmDescription: `${fn.functionName} was throttled (concurrency exhausted)`,
        runbookSection: 'lambda-errors-and-throttles',
      });
      this.alarm(fn.functionName, 'duration-p99', {
        ...lambdaMetric,
        metricName: 'Duration',
        extendedStatistic: 'p99',
        threshold: durationThreshold,
        evaluationPeriods: 5,
        datapointsToAlarm: 3,
        alarmDescription: `${fn.functionName} p99 duration above ${durationThreshold} ms, near the ${fn.limitMs} ms its caller waits`,
        runbookSection: 'lambda-duration',
      });
    }

    const thresholds = props.valkeyThresholds ?? {};
    for (const cacheClusterId of props.valkeyCacheClusterIds ?? []) {
      const valkeyMetric = {
        namespace: 'AWS/ElastiCache',
        dimensions: { CacheClusterId: cacheClusterId },
        period: 300,
        evaluationPeriods: 1,
      };
      this.alarm(cacheClusterId, 'engine-cpu', {
        ...valkeyMetric,
        metricName: 'EngineCPUUtilization',
        statistic: 'Average',
        threshold: thresholds.engineCpuPercent ?? 80,
        alarmDescription: `Valkey node ${cacheClusterId}: engine CPU high`,
        runbookSection: 'valkey-health',
      });
      this.alarm(cacheClusterId, 'memory', {
        ...valkeyMetric,
        metricName: 'DatabaseMemoryUsagePercentage',
        statistic: 'Average',
        threshold: thresholds.memoryPercent ?? 80,
        alarmDescription: `Valkey node ${cacheClusterId}: memory nearly full (noeviction: pushes will be refused with OOM)`,
        runbookSection: 'valkey-health',
      });
      this.alarm(cacheClusterId, 'evictions', {
        ...valkeyMetric,
        metricName: 'Evictions',
        statistic: 'Sum',
        threshold: 0,
        alarmDescription: `Valkey node ${cacheClusterId}: keys evicted (queued actions lost; the parameter group should be noeviction)`,
        runbookSection: 'valkey-health',
      });
      this.alarm(cacheClusterId, 'connections', {
        ...valkeyMetric,
        metricName: 'CurrConnections',
        statistic: 'Maximum',
        threshold: thresholds.connections ?? 1000,
        alarmDescription: `Valkey node ${cacheClusterId}: many client connections`,
        runbookSection: 'valkey-health',
      });
    }

    if (props.callMetrics) {
      for (const spec of callAlarmSpecs(props.callMetrics, props.callAlarmThresholds)) {
        const subject = spec.subject === 'calls' ? props.namePrefix : `${props.namePrefix}-${spec.subject}`;
        this.alarm(subject, spec.what, {
          metricQuery: spec.metricQuery,
          threshold: spec.threshold,
          evaluationPeriods: spec.evaluationPeriods,
          ...(spec.datapointsToAlarm ? { datapointsToAlarm: spec.datapointsToAlarm } : {}),
          alarmDescription: spec.description,
          runbookSection: spec.runbookSection,
        });
      }
    }

    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: resourceName(props.namePrefix, 'generativeagent', 'cloudwatchDashboard'),
      dashboardBody: JSON.stringify(
        dashboardBody(props.region, props.functions, props.valkeyCacheClusterIds ?? [], fraction, props.callMetrics),
      ),
    });
  }

  private alarm(subject: string, what: string, { runbookSection, alarmDescription, ...spec }: AlarmSpec): void {
    const actions = this.alarmTopicArn ? [this.alarmTopicArn] : [];
    this.alarms.push(
      new CloudwatchMetricAlarm(this, `${subject}-${what}`, {
        alarmName: resourceName(subject, what, 'cloudwatchAlarm'),
        comparisonOperator: 'GreaterThanThreshold',
        // No data means no traffic, which is not a failure.
        treatMissingData: 'notBreaching',
        alarmActions: actions,
        okActions: actions,
        ...spec,
        alarmDescription: `${alarmDescription}. Runbook: ${this.runbookUrl}#${runbookSection}`,
      }),
    );
  }
}

/** p99 duration alarm: `limitMs × fraction`, but at least halfway from the designed wait to the limit. */
function durationThresholdMs(fn: MonitoredFunction, fraction: number): number {
  const designedWaitMs = fn.designedWaitMs ?? 0;
  if (!(fn.limitMs > 0)) {
    throw new Error(`Monitoring functions[${fn.functionName}].limitMs ${fn.limitMs} must be a positive number of milliseconds.`);
  }
  if (!(designedWaitMs >= 0 && designedWaitMs < fn.limitMs)) {
    throw new Error(
      `Monitoring functions[${fn.functionName}].designedWaitMs ${designedWaitMs} must be at least 0 and below limitMs ${fn.limitMs}.`,
    );
  }
  return Math.round(Math.max(fn.limitMs * fraction, (designedWaitMs + fn.limitMs) / 2));
}

type Metric = (string | Record<string, unknown>)[];

function metricWidget(region: string, title: string, metrics: Metric[], x: number, y: number, extra: object = {}) {
  return {
    type: 'metric',
    x,
    y,
    width: 12,
    height: 6,
    properties: { title, region, view: 'timeSeries', stacked: false, period: 60, metrics, ...extra },
  };
}

function dashboardBody(
  region: string,
  functions: readonly MonitoredFunction[],
  cacheClusterIds: readonly string[],
  fraction: number,
  callMetrics: CallMetricsProps | undefined,
) {
  // The contact center's view first: two panels a row, then the Lambda and Valkey health below it.
  const callWidgets = (callMetrics ? callDashboardPanels(callMetrics) : []).map((panel, index) =>
    metricWidget(region, panel.title, panel.metrics, (index % 2) * 12, Math.floor(index / 2) * 6, panel.stacked ? { stacked: true } : {}),
  );
  const top = Math.ceil(callWidgets.length / 2) * 6;
  const functionWidgets = functions.flatMap((fn, index) => [
    metricWidget(
      region,
      `${fn.functionName}: invocations, errors, throttles`,
      ['Invocations', 'Errors', 'Throttles'].map((metric) => ['AWS/Lambda', metric, 'FunctionName', fn.functionName, { stat: 'Sum' }]),
      0,
      top + index * 6,
    ),
    metricWidget(
      region,
      `${fn.functionName}: duration (limit ${fn.limitMs} ms)`,
      ['p50', 'p99', 'Maximum'].map((stat) => ['AWS/Lambda', 'Duration', 'FunctionName', fn.functionName, { stat }]),
      12,
      top + index * 6,
      { annotations: { horizontal: [{ label: 'alarm', value: durationThresholdMs(fn, fraction) }] } },
    ),
  ]);
  const valkeyTop = top + functions.length * 6;
  const perNode = (metric: string, stat: string): Metric[] =>
    cacheClusterIds.map((cacheClusterId) => ['AWS/ElastiCache', metric, 'CacheClusterId', cacheClusterId, { stat }]);
  const valkeyWidgets =
    cacheClusterIds.length === 0
      ? []
      : [
          metricWidget(region, 'Valkey engine CPU %', perNode('EngineCPUUtilization', 'Average'), 0, valkeyTop),
          metricWidget(region, 'Valkey memory %', perNode('DatabaseMemoryUsagePercentage', 'Average'), 12, valkeyTop),
          metricWidget(region, 'Valkey connections', perNode('CurrConnections', 'Maximum'), 0, valkeyTop + 6),
          metricWidget(region, 'Valkey evictions', perNode('Evictions', 'Sum'), 12, valkeyTop + 6),
        ];
  return { widgets: [...callWidgets, ...functionWidgets, ...valkeyWidgets] };
}
