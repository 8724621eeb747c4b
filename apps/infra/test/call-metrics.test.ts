import { FUNCTION_METRICS, LAMBDA_NAMES, type LambdaName, METRIC_DIMENSION_NAMES } from '@genagent-connect/lambdas';
import { exampleConfig, exampleEnvironments, resourcesOf, type SynthesizedStack, synthStack } from './synth';

type Query = { id: string; return_data?: boolean; metric?: { namespace: string; metric_name: string; dimensions: Record<string, string> } };

/**
 * What a deployed function's handler emits: the catalog's metric names, in the namespace and with the dimension
 * values its synthesized environment gives Powertools (POWERTOOLS_METRICS_NAMESPACE, POWERTOOLS_SERVICE_NAME,
 * GENAGENT_ENVIRONMENT; `function` is the handler's own name).
 */
function emittedMetrics(stack: SynthesizedStack): Map<string, Set<string>> {
  const emitted = new Map<string, Set<string>>();
  for (const fn of resourcesOf(stack, 'aws_lambda_function') as { function_name: string; environment: { variables: Record<string, string> } }[]) {
    const handler = LAMBDA_NAMES.find((name) => fn.function_name.endsWith(`-${name}`)) as LambdaName;
    const variables = fn.environment.variables;
    const key = JSON.stringify({
      namespace: variables.POWERTOOLS_METRICS_NAMESPACE,
      dimensions: { service: variables.POWERTOOLS_SERVICE_NAME, environment: variables.GENAGENT_ENVIRONMENT, function: handler },
    });
    emitted.set(key, new Set(FUNCTION_METRICS[handler].map((metric) => metric.name)));
  }
  return emitted;
}

// Whatever environments the repository has (adding or removing one keeps this green).
describe.each(exampleEnvironments.map(({ name, config }) => [name, config] as const))('the %s stack', (name, config) => {
  const stack = synthStack(name, config);
  const customAlarms = (resourcesOf(stack, 'aws_cloudwatch_metric_alarm') as { alarm_name: string; metric_query?: Query[] }[]).filter(
    (alarm) => alarm.metric_query,
  );

  it('alarms on the handlers’ metrics, each naming exactly a metric and dimension set a deployed handler emits', () => {
    expect(customAlarms.length).toBeGreaterThanOrEqual(5);
    const emitted = emittedMetrics(stack);
    for (const alarm of customAlarms) {
      for (const { metric } of alarm.metric_query ?? []) {
        if (!metric) continue;
        expect(Object.keys(metric.dimensions).sort()).toEqual([...METRIC_DIMENSION_NAMES].sort());
        const names = emitted.get(JSON.stringify({ namespace: metric.namespace, dimensions: {
          service: metric.dimensions.service, environment: metric.dimensions.environment, function: metric.dimensions.function,
        } }));
        expect([alarm.alarm_name, metric.metric_name, names?.has(metric.metric_name)]).toEqual([alarm.alarm_name, metric.metric_name, true]);
      }
    }
  });

  it("saves the per-contact trace and errors-by-kind queries over every function's log group", () => {
    const queries = resourcesOf(stack, 'aws_cloudwatch_query_definition') as { name: string; log_group_names: string[] }[];
    expect(queries.map((query) => query.name).sort()).toEqual([`${config.namePrefix}/contact-trace`, `${config.namePrefix}/errors-by-kind`]);
    const logGroups = Object.keys(stack.resource.aws_cloudwatch_log_group ?? {}).map((id) => `\${aws_cloudwatch_log_group.${id}.name}`);
    expect(logGroups).toHaveLength(resourcesOf(stack, 'aws_lambda_function').length);
    for (const query of queries) expect([...query.log_group_names].sort()).toEqual(logGroups.sort());
  });

  it('sends every function its metrics namespace and the environment dimension', () => {
    for (const fn of resourcesOf(stack, 'aws_lambda_function') as { environment: { variables: Record<string, string> } }[]) {
      expect(fn.environment.variables).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: config.metricsNamespace,
        GENAGENT_ENVIRONMENT: config.namePrefix,
      });
    }
  });
});

describe('tracing: true', () => {
  it('turns on X-Ray active tracing and the handlers’ subsegments for every function of the environment', () => {
    const traced = synthStack('dev', { ...exampleConfig('dev'), tracing: true });
    const functions = resourcesOf(traced, 'aws_lambda_function') as {
      tracing_config?: { mode: string };
      environment: { variables: Record<string, string> };
    }[];
    expect(functions).toHaveLength(5);
    for (const fn of functions) {
      expect(fn.tracing_config).toEqual({ mode: 'Active' });
      expect(fn.environment.variables.POWERTOOLS_TRACE_ENABLED).toBe('true');
    }
    const untraced = resourcesOf(synthStack('dev', exampleConfig('dev')), 'aws_lambda_function');
    expect(untraced.every((fn) => fn.tracing_config === undefined)).toBe(true);
  });
});
