/** One Embedded Metric Format document, checked against AWS's specification and flattened for assertions. */
export interface EmfDocument {
  readonly namespace: string;
  /** Name → value of every dimension of the document's (single) dimension set. */
  readonly dimensions: Record<string, string>;
  /** Metric name → values in this document (EMF allows an array of up to 100 values per metric). */
  readonly values: Record<string, number[]>;
  /** Metric name → unit. */
  readonly units: Record<string, string>;
}

function fail(problem: string, line: string): never {
  throw new Error(`not a valid EMF document (${problem}): ${line}`);
}

/**
 * Parses one stdout line as EMF, enforcing what CloudWatch requires to extract metrics: a root `_aws` with an integer
 * ms `Timestamp` and `CloudWatchMetrics` directives (Namespace, Dimensions as arrays of names, Metrics with Name and
 * Unit), every referenced dimension a string member and every metric a number (or number array) member of the root.
 */
export function parseEmfLine(line: string): EmfDocument {
  const root = JSON.parse(line) as Record<string, unknown>;
  const aws = root._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (!aws || !Number.isInteger(aws.Timestamp)) fail('_aws.Timestamp', line);
  const directives = aws.CloudWatchMetrics as { Namespace: unknown; Dimensions: unknown; Metrics: unknown }[];
  if (!Array.isArray(directives) || directives.length !== 1) fail('one CloudWatchMetrics directive', line);
  const [directive] = directives;
  if (typeof directive?.Namespace !== 'string' || directive.Namespace === '') fail('Namespace', line);
  const dimensionSets = directive.Dimensions as string[][];
  if (!Array.isArray(dimensionSets) || dimensionSets.length !== 1) fail('one dimension set', line);
  const dimensions: Record<string, string> = {};
  for (const name of dimensionSets[0] ?? []) {
    const value = root[name];
    if (typeof value !== 'string') fail(`dimension ${name} not a string member`, line);
    dimensions[name] = value;
  }
  const values: Record<string, number[]> = {};
  const units: Record<string, string> = {};
  for (const metric of directive.Metrics as { Name: unknown; Unit: unknown }[]) {
    if (typeof metric.Name !== 'string' || typeof metric.Unit !== 'string') fail('Metrics[].Name/Unit', line);
    const value = root[metric.Name];
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0 || list.length > 100 || !list.every((item) => typeof item === 'number')) {
      fail(`metric ${metric.Name} not a number or an array of 1-100 numbers`, line);
    }
    values[metric.Name] = list as number[];
    units[metric.Name] = metric.Unit;
  }
  return { namespace: directive.Namespace, dimensions, values, units };
}

export interface EmfCapture {
  /** Every EMF document written since the capture started, oldest first. */
  readonly documents: () => EmfDocument[];
  /** Metric name → summed values across the documents whose `function` dimension is `functionName`. */
  readonly totals: (functionName: string) => Record<string, number>;
  /** Forgets what was captured so far. */
  readonly reset: () => void;
  restore(): void;
}

/**
 * Captures the EMF lines Powertools Metrics writes (through a Console bound to process.stdout), leaving other output
 * alone. Metrics read POWERTOOLS_METRICS_DISABLED when created: the capture turns it off for handlers created after it.
 */
export function captureEmf(): EmfCapture {
  let chunks: string[] = [];
  const previousDisabled = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const write = process.stdout.write.bind(process.stdout);
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.startsWith('{"_aws"')) {
      chunks.push(text);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  });
  const documents = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map(parseEmfLine);
  return {
    documents,
    totals(functionName) {
      const totals: Record<string, number> = {};
      for (const document of documents().filter((doc) => doc.dimensions.function === functionName)) {
        for (const [name, list] of Object.entries(document.values)) {
          totals[name] = (totals[name] ?? 0) + list.reduce((sum, value) => sum + value, 0);
        }
      }
      return totals;
    },
    reset: () => {
      chunks = [];
    },
    restore: () => {
      spy.mockRestore();
      if (previousDisabled === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
      else process.env.POWERTOOLS_METRICS_DISABLED = previousDisabled;
    },
  };
}
