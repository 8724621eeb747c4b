/** One metric over the call: what CloudWatch would aggregate from the EMF lines the handlers printed. */
export interface MetricSummary {
  readonly unit: string;
  /** Values recorded (a counter records 1 per event). */
  readonly samples: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

export interface CallMetrics {
  /** CloudWatch namespace of the lines (POWERTOOLS_METRICS_NAMESPACE); null when the call emitted none. */
  readonly namespace: string | null;
  /** EMF lines the handlers printed (one per invocation that recorded something). */
  readonly lines: number;
  /** By the `function` dimension, then by metric name. */
  readonly functions: Readonly<Record<string, Readonly<Record<string, MetricSummary>>>>;
}

interface EmfRoot {
  readonly _aws: { readonly CloudWatchMetrics: readonly { Namespace: string; Metrics: readonly { Name: string; Unit: string }[] }[] };
  readonly [member: string]: unknown;
}

/** Sums the handlers' EMF lines per function and metric, as the dashboard would show the call. */
export function summariseMetrics(emfLines: readonly string[]): CallMetrics {
  const functions: Record<string, Record<string, { unit: string; samples: number; sum: number; min: number; max: number }>> = {};
  let namespace: string | null = null;
  for (const line of emfLines) {
    const root = JSON.parse(line) as EmfRoot;
    for (const directive of root._aws.CloudWatchMetrics) {
      namespace ??= directive.Namespace;
      const byMetric = functions[String(root.function)] ?? {};
      functions[String(root.function)] = byMetric;
      for (const { Name, Unit } of directive.Metrics) {
        const raw = root[Name];
        const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is number => typeof value === 'number');
        const summary = byMetric[Name] ?? { unit: Unit, samples: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
        byMetric[Name] = summary;
        for (const value of values) {
          summary.samples += 1;
          summary.sum += value;
          summary.min = Math.min(summary.min, value);
          summary.max = Math.max(summary.max, value);
        }
      }
    }
  }
  return { namespace, lines: emfLines.length, functions };
}

/** `PullNone 12, PullSpeak 2, QueueWait 2 × (min 120, max 480 ms)`: counters as their sums, timings as ranges. */
export function describeMetrics(metrics: Readonly<Record<string, MetricSummary>>): string {
  return Object.entries(metrics)
    .map(([name, { unit, samples, sum, min, max }]) =>
      unit === 'Count' ? `${name} ${sum}` : `${name} ${samples} × (min ${Math.round(min)}, max ${Math.round(max)} ms)`,
    )
    .join(', ');
}
