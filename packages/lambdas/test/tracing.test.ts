import type { Tracer } from '@aws-lambda-powertools/tracer';
import { type LocalValkeyServer, startValkeyServer } from '@genagent-connect/local-valkey';
import { traced, tracerFor } from '../src/tracing/tracing';
import { containerQueue } from './support/valkey';

/** X-Ray itself is AWS, so the segment Lambda would open is stood in for: it records the subsegments it is given. */
function recordingTracer() {
  const subsegments: { name: string; closed: boolean; errors: string[] }[] = [];
  const segment = {
    addNewSubsegment(name: string) {
      const subsegment = { name, closed: false, errors: [] as string[] };
      subsegments.push(subsegment);
      return {
        close: () => {
          subsegment.closed = true;
        },
        addError: (error: Error) => subsegment.errors.push(error.message),
      };
    },
  };
  const tracer = { getSegment: () => segment } as unknown as Tracer;
  return { subsegments, load: async () => tracer };
}

let server: LocalValkeyServer;
beforeAll(async () => {
  server = await startValkeyServer();
});
afterAll(() => server.stop());

describe('tracing around the Valkey and ASAPP calls', () => {
  it('is off unless POWERTOOLS_TRACE_ENABLED is true, and then wraps nothing', () => {
    expect(tracerFor('pull-action', {})).toBeUndefined();
    expect(tracerFor('pull-action', { POWERTOOLS_TRACE_ENABLED: 'false' })).toBeUndefined();
    const target = { pull: async () => 1 };
    expect(traced(target, undefined, 'Valkey', ['pull'])).toBe(target);
  });

  it('outside Lambda the loaded tracer is disabled (Powertools sees no Lambda environment)', async () => {
    const load = tracerFor('pull-action', { POWERTOOLS_TRACE_ENABLED: 'true' });
    expect(load).toBeDefined();
    expect(await load?.()).toBeUndefined();
  });

  it('times each call of a real queue in its own subsegment, side by side, recording errors', async () => {
    const container = containerQueue(server, 'traced');
    try {
      const { subsegments, load } = recordingTracer();
      const queue = traced(container.queue, load, 'Valkey', ['push', 'pull', 'nextProcessingCue']);
      await queue.push({ action: 'speak', companyMarker: 'acme', guid: 'traced-call', speakParams: { text: 'hi' } });
      const [pulled] = await Promise.all([queue.pull('acme', 'traced-call'), queue.nextProcessingCue('acme', 'traced-call')]);
      expect(pulled).toMatchObject({ action: 'speak', speakParams: { text: 'hi' } });
      await expect(queue.pull('bad:marker', 'traced-call')).rejects.toThrow(/companyMarker/);
      expect(subsegments).toEqual([
        { name: 'Valkey.push', closed: true, errors: [] },
        { name: 'Valkey.pull', closed: true, errors: [] },
        { name: 'Valkey.nextProcessingCue', closed: true, errors: [] },
        { name: 'Valkey.pull', closed: true, errors: [expect.stringMatching(/companyMarker/)] },
      ]);
      // Methods not named are the queue's own.
      expect(queue.observeActivity).toBe(container.queue.observeActivity);
    } finally {
      await container.close();
    }
  });
});
