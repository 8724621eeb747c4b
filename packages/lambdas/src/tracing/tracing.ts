import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { LambdaName } from '../bundles';
import type { Environment } from '../config/environment';

/** Loads the tracer on first use: with tracing off, the X-Ray SDK is never evaluated (no cold-start cost). */
export type TracerLoader = () => Promise<Tracer | undefined>;

/**
 * The function's X-Ray tracer when tracing is on (infra sets POWERTOOLS_TRACE_ENABLED=true together with Lambda
 * active tracing for an environment with `tracing: true`), else undefined: nothing is wrapped.
 */
export function tracerFor(functionName: LambdaName, environment: Environment): TracerLoader | undefined {
  if (environment.POWERTOOLS_TRACE_ENABLED !== 'true') return undefined;
  let loading: Promise<Tracer | undefined> | undefined;
  return () => {
    loading ??= import('@aws-lambda-powertools/tracer').then(({ Tracer }) => {
      const tracer = new Tracer({ serviceName: environment.POWERTOOLS_SERVICE_NAME || `genagent-connect-${functionName}` });
      return tracer.isTracingEnabled() ? tracer : undefined;
    });
    return loading;
  };
}

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * `target` with each named async method timed in its own X-Ray subsegment (`<label>.<method>`) under the
 * invocation's segment, errors recorded. Subsegments are added to the segment without becoming the current one, so
 * calls running side by side (pull-action sends three Valkey commands at once) each get their own.
 */
export function traced<T extends object>(
  target: T,
  loadTracer: TracerLoader | undefined,
  label: string,
  methods: readonly AsyncMethods<T>[],
): T {
  if (!loadTracer) return target;
  const wrapped = Object.create(target) as T;
  for (const method of methods) {
    const original = target[method] as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(wrapped, method, {
      value: async (...args: unknown[]) => {
        const subsegment = (await loadTracer())?.getSegment()?.addNewSubsegment(`${label}.${String(method)}`);
        try {
          return await original.apply(target, args);
        } catch (error) {
          subsegment?.addError(error as Error);
          throw error;
        } finally {
          subsegment?.close();
        }
      },
    });
  }
  return wrapped;
}
