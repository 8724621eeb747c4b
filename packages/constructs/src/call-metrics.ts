import type { CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import {
  ASAPP_OUTCOME_METRICS,
  CONVERSATION_END_METRICS,
  FUNCTION_METRICS,
  type MetricDimensions,
  PULL_ANSWER_METRICS,
  PUSH_OUTCOME_METRICS,
  QUEUE_WAIT_METRIC,
} from '@genagent-connect/lambdas/metrics-catalog';

/** The handlers' functions, by the name their metrics carry in the `function` dimension. */
export type CallFunctionName = keyof typeof FUNCTION_METRICS;

/** Where the handlers' own metrics (EMF) land for one environment. */
export interface CallMetricsProps {
  /** POWERTOOLS_METRICS_NAMESPACE of the functions. */
  readonly namespace: string;
  /**
   * The dimensions each deployed function's metrics carry (service, environment, function). A function left out gets
   * no alarm and no panel of its own.
   */
  readonly dimensions: Readonly<Partial<Record<CallFunctionName, MetricDimensions>>>;
}

/** Thresholds of the alarms on the handlers' metrics; each counts over `periodSeconds`. */
export interface CallAlarmThresholds {
  /** Failed ASAPP calls (engage, call-transfer, call-context) above which the alarm fires. @default 0 */
  readonly asappFailures?: number;
  /** pull-action `error` answers. @default 0 */
  readonly pullErrors?: number;
  /** Pushes refused (malformed, Valkey failure, out of memory, configuration). @default 0 */
  readonly pushRefusals?: number;
  /** QueueWait p99 in ms, 3 of 5 minutes. @default 3000 (an action pushed while the module plays a silence or the processing cue waits for its end) */
  readonly queueWaitP99Ms?: number;
  /** Percentage of engaged calls that end in error (any ending but disengage and transfers). @default 10 */
  readonly callsEndingInErrorPercent?: number;
  /** @default 300 */
  readonly periodSeconds?: number;
}

type MetricQuery = CloudwatchMetricAlarmMetricQuery;

/** One custom-metric alarm: what it watches and the runbook section that says what to do. */
export interface CallAlarmSpec {
  readonly subject: CallFunctionName | 'calls';
  readonly what: string;
  readonly description: string;
  readonly runbookSection: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly metricQuery: MetricQuery[];
}

function emits(fn: CallFunctionName, metricName: string): boolean {
  return FUNCTION_METRICS[fn].some((metric) => metric.name === metricName);
}

function metricStat(
  props: CallMetricsProps,
  fn: CallFunctionName,
  metricName: string,
  id: string,
  period: number,
  stat = 'Sum',
): MetricQuery {
  const dimensions = props.dimensions[fn];
  if (!dimensions) throw new Error(`Monitoring callMetrics.dimensions has no ${fn}`);
  if (!emits(fn, metricName)) throw new Error(`Monitoring: ${fn} emits no metric ${metricName}`);
  return { id, returnData: false, metric: { namespace: props.namespace, metricName, dimensions: { ...dimensions }, period, stat } };
}

/** `SUM([...])` of several counters of one function: no datapoint of one of them still sums the others. */
function sumOf(props: CallMetricsProps, fn: CallFunctionName, names: readonly string[], period: number, prefix: string) {
  const metrics = names.map((name, index) => metricStat(props, fn, name, `${prefix}${index}`, period));
  return { metrics, expression: `SUM([${metrics.map((metric) => metric.id).join(', ')}])` };
}

const ASAPP_FAILURES = Object.entries(ASAPP_OUTCOME_METRICS)
  .filter(([outcome]) => outcome !== 'success')
  .map(([, name]) => name);
const PUSH_REFUSALS = [
  PUSH_OUTCOME_METRICS.malformed,
  PUSH_OUTCOME_METRICS.valkeyFailure,
  PUSH_OUTCOME_METRICS.outOfMemory,
  PUSH_OUTCOME_METRICS.configuration,
];
const ERROR_ENDINGS = [CONVERSATION_END_METRICS.error, CONVERSATION_END_METRICS.idleLimit, CONVERSATION_END_METRICS.lengthLimit];

const RUNBOOK_SECTIONS: Record<CallFunctionName, string> = {
  engage: 'engage-failures',
  'call-transfer': 'pstn-failures',
  'call-context': 'pstn-failures',
  'pull-action': 'pull-action-errors',
  'push-action': 'push-refusals',
};

/** The alarms on the handlers' metrics, for the functions `props.dimensions` names. */
export function callAlarmSpecs(props: CallMetricsProps, thresholds: CallAlarmThresholds = {}): CallAlarmSpec[] {
  const period = thresholds.periodSeconds ?? 300;
  const has = (fn: CallFunctionName) => props.dimensions[fn] !== undefined;
  const specs: CallAlarmSpec[] = [];
  for (const fn of ['engage', 'call-transfer', 'call-context'] as const) {
    if (!has(fn)) continue;
    const failures = sumOf(props, fn, ASAPP_FAILURES, period, 'f');
    specs.push({
      subject: fn,
      what: 'asapp-failures',
      description: `${fn}: calls to ASAPP failed (4xx, 5xx, timeout, network, invalid response or configuration); callers do not reach GenerativeAgent`,
      runbookSection: RUNBOOK_SECTIONS[fn],
      threshold: thresholds.asappFailures ?? 0,
      evaluationPeriods: 1,
      metricQuery: [...failures.metrics, { id: 'failures', expression: failures.expression, label: 'failures', returnData: true }],
    });
  }
  if (has('pull-action')) {
    specs.push({
      subject: 'pull-action',
      what: 'error-answers',
      description: 'pull-action answered next "error": the module ends those calls with ASAPP_Disposition error',
      runbookSection: RUNBOOK_SECTIONS['pull-action'],
      threshold: thresholds.pullErrors ?? 0,
      evaluationPeriods: 1,
      metricQuery: [{ ...metricStat(props, 'pull-action', PULL_ANSWER_METRICS.error, 'errors', period), returnData: true }],
    });
    specs.push({
      subject: 'pull-action',
      what: 'queue-wait-p99',
      description: `p99 wait of GenerativeAgent's actions between PushAction and PullAction above ${thresholds.queueWaitP99Ms ?? 3000} ms: callers hear late answers`,
      runbookSection: 'queue-wait',
      threshold: thresholds.queueWaitP99Ms ?? 3000,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      metricQuery: [{ ...metricStat(props, 'pull-action', QUEUE_WAIT_METRIC, 'wait', 60, 'p99'), returnData: true }],
    });
  }
  if (has('push-action')) {
    const refusals = sumOf(props, 'push-action', PUSH_REFUSALS, period, 'r');
    specs.push({
      subject: 'push-action',
      what: 'refusals',
      description: "push-action refused GenerativeAgent's pushes (malformed, Valkey failure, out of memory or configuration): callers miss what it said",
      runbookSection: RUNBOOK_SECTIONS['push-action'],
      threshold: thresholds.pushRefusals ?? 0,
      evaluationPeriods: 1,
      metricQuery: [...refusals.metrics, { id: 'refusals', expression: refusals.expression, label: 'refusals', returnData: true }],
    });
  }
  if (has('pull-action') && has('engage')) {
    // Calls that end in error: engage failures (the module's error branch) and pull-action's error endings, against
    // every engage attempt. No attempt in a period is no data, which the alarm treats as not breaching.
    const ended = sumOf(props, 'pull-action', ERROR_ENDINGS, period, 'e');
    const failed = sumOf(props, 'engage', ASAPP_FAILURES, period, 'f');
    const engaged = metricStat(props, 'engage', ASAPP_OUTCOME_METRICS.success, 'engaged', period);
    specs.push({
      subject: 'calls',
      what: 'ending-in-error',
      description: `more than ${thresholds.callsEndingInErrorPercent ?? 10}% of calls handed to GenerativeAgent ended with ASAPP_Disposition error`,
      runbookSection: 'calls-ending-in-error',
      threshold: thresholds.callsEndingInErrorPercent ?? 10,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      metricQuery: [
        ...ended.metrics,
        ...failed.metrics,
        engaged,
        // One SUM over every error series: a period with engage failures but no pull-action error still counts
        // (adding two SUMs would drop the timestamps where either side has no data).
        { id: 'errors', expression: `SUM([${[...ended.metrics, ...failed.metrics].map((metric) => metric.id).join(', ')}])`, returnData: false },
        { id: 'attempts', expression: `SUM([engaged, ${failed.metrics.map((metric) => metric.id).join(', ')}])`, returnData: false },
        { id: 'percent', expression: '100 * errors / attempts', label: 'calls ending in error (%)', returnData: true },
      ],
    });
  }
  return specs;
}

type DashboardMetric = (string | Record<string, unknown>)[];

/** One dashboard line: a function's metric with its dimensions, as a metric widget lists it. */
export function dashboardMetric(
  props: CallMetricsProps,
  fn: CallFunctionName,
  metricName: string,
  options: Record<string, unknown> = {},
): DashboardMetric | undefined {
  const dimensions = props.dimensions[fn];
  if (!dimensions) return undefined;
  if (!emits(fn, metricName)) throw new Error(`Monitoring: ${fn} emits no metric ${metricName}`);
  return [props.namespace, metricName, ...Object.entries(dimensions).flat(), { stat: 'Sum', ...options }];
}

/** The contact center's view, in order: what callers experience, before any Lambda or Valkey health. */
export function callDashboardPanels(props: CallMetricsProps) {
  const line = (fn: CallFunctionName, name: string, options: Record<string, unknown> = {}) =>
    dashboardMetric(props, fn, name, { label: name, ...options });
  const present = (lines: (DashboardMetric | undefined)[]) => lines.filter((entry): entry is DashboardMetric => entry !== undefined);
  const hidden = (id: string) => ({ id, visible: false });
  const pullAnswers = Object.values(PULL_ANSWER_METRICS);
  return [
    {
      title: 'Calls engaged (GenerativeAgent took the call)',
      metrics: present([line('engage', ASAPP_OUTCOME_METRICS.success, { label: 'engaged' }), line('call-transfer', ASAPP_OUTCOME_METRICS.success, { label: 'PSTN transfers' })]),
    },
    {
      title: 'How calls leave GenerativeAgent',
      metrics: present(
        Object.values(CONVERSATION_END_METRICS).flatMap((name) => [
          line('pull-action', name, { label: `${name} (media)` }),
          emits('call-context', name) ? line('call-context', name, { label: `${name} (PSTN)` }) : undefined,
        ]),
      ),
      stacked: true,
    },
    {
      title: 'Engage failures by kind',
      metrics: present(ASAPP_FAILURES.map((name) => line('engage', name))),
      stacked: true,
    },
    {
      title: 'Queue wait, push → pull (ms)',
      metrics: present(['p50', 'p99'].map((stat) => line('pull-action', QUEUE_WAIT_METRIC, { stat, label: `QueueWait ${stat}` }))),
    },
    {
      title: 'PullAction calls per engaged call',
      metrics: present([
        ...pullAnswers.map((name, index) => line('pull-action', name, hidden(`p${index}`))),
        line('engage', ASAPP_OUTCOME_METRICS.success, hidden('engaged')),
        props.dimensions['pull-action'] && props.dimensions.engage
          ? [{ expression: `SUM([${pullAnswers.map((_, index) => `p${index}`).join(', ')}]) / engaged`, label: 'PullAction calls per call' }]
          : undefined,
      ]),
    },
    {
      title: 'Pushes from GenerativeAgent: accepted, refused, unknown',
      metrics: present(Object.values(PUSH_OUTCOME_METRICS).map((name) => line('push-action', name))),
      stacked: true,
    },
    {
      title: 'pull-action answers by next',
      metrics: present(pullAnswers.map((name) => line('pull-action', name))),
      stacked: true,
    },
    {
      title: 'Valkey failures seen by the handlers, and PSTN ASAPP failures',
      metrics: present([
        line('pull-action', 'ValkeyFailure', { label: 'pull-action ValkeyFailure' }),
        line('push-action', 'ValkeyFailure', { label: 'push-action ValkeyFailure' }),
        ...ASAPP_FAILURES.flatMap((name) => [line('call-transfer', name, { label: `call-transfer ${name}` }), line('call-context', name, { label: `call-context ${name}` })]),
      ]),
    },
  ].filter((panel) => panel.metrics.length > 0);
}
