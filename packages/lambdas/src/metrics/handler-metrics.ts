import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { LambdaName } from '../bundles';
import type { Environment } from '../config/environment';
import {
  DEFAULT_METRICS_ENVIRONMENT,
  DEFAULT_METRICS_NAMESPACE,
  type MetricName,
  QUEUE_WAIT_METRIC,
} from './catalog';

/**
 * One function's metrics. Handlers add to it during an invocation; the handler shell publishes once per invocation:
 * one EMF line on stdout, which CloudWatch Logs turns into metrics (no network call on the hot path).
 */
export interface HandlerMetrics {
  /** +1 on a counter of the catalog. */
  count(name: MetricName): void;
  /** How long an action waited in the queue, in ms. */
  queueWait(milliseconds: number): void;
  /** Writes what was added since the last publish (nothing when nothing was added). */
  publish(): void;
}

export interface HandlerMetricsOptions {
  /** Reads POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME and GENAGENT_ENVIRONMENT. Default `process.env`. */
  readonly environment?: Environment;
  /**
   * Receives each EMF document as one JSON line instead of stdout (the sandbox shows them; tests read them).
   * @default Powertools' own stdout writer, which POWERTOOLS_METRICS_DISABLED turns off
   */
  readonly emit?: (emfLine: string) => void;
}

/**
 * Powertools Metrics for one function, dimensions `service`, `environment`, `function` (see catalog.ts). Values added
 * by invocations running side by side in one process (the sandbox) share the buffer; each is published exactly once.
 */
export function createHandlerMetrics(functionName: LambdaName, options: HandlerMetricsOptions = {}): HandlerMetrics {
  const environment = options.environment ?? process.env;
  const metrics = new Metrics({
    namespace: environment.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_METRICS_NAMESPACE,
    serviceName: environment.POWERTOOLS_SERVICE_NAME || `genagent-connect-${functionName}`,
    defaultDimensions: {
      environment: environment.GENAGENT_ENVIRONMENT || DEFAULT_METRICS_ENVIRONMENT,
      function: functionName,
    },
  });
  const { emit } = options;
  return {
    count: (name) => metrics.addMetric(name, MetricUnit.Count, 1),
    queueWait: (milliseconds) => metrics.addMetric(QUEUE_WAIT_METRIC, MetricUnit.Milliseconds, Math.max(0, milliseconds)),
    publish() {
      if (!metrics.hasStoredMetrics()) return;
      if (!emit) {
        metrics.publishStoredMetrics();
        return;
      }
      const document = metrics.serializeMetrics();
      metrics.clearMetrics();
      emit(JSON.stringify(document));
    },
  };
}

/** For in-process handlers that were given no metrics: adds nothing, writes nothing. */
export const NO_METRICS: HandlerMetrics = { count() {}, queueWait() {}, publish() {} };
