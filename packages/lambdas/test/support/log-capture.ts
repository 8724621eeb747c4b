/** One structured line the Powertools logger wrote. */
export type LogLine = Record<string, unknown> & { level: string; message: string };

export interface LogCapture {
  /** Parsed JSON lines, oldest first. */
  readonly lines: LogLine[];
  /** Everything written, raw, to search for things that must never appear. */
  readonly raw: () => string;
  restore(): void;
}

/**
 * Captures what the handlers' loggers write. Powertools writes through a Console bound to process.stdout/stderr, so
 * replacing their `write` catches every line. Loggers read POWERTOOLS_LOG_LEVEL when created: set it first.
 */
export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const spies = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return {
    get lines() {
      return chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine);
    },
    raw: () => chunks.join(''),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}
