import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, runFlow, virtualClock } from '../src';

const REAL_FLOWS = join(__dirname, '../../../../shared/real-flows');
const realFlowFiles = readdirSync(REAL_FLOWS).filter((name) => name.endsWith('.json')).sort();

describe('the interpreter on real flows, with a silent caller and no services', () => {
  it.each(realFlowFiles)('%s runs to an end other than error', async (file) => {
    const flow = parseFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'), file);
    // Hold music and queue loops play until the caller hangs up.
    const result = await runFlow(flow, { clock: virtualClock(), hangUpAtMs: 120_000, maxSteps: 5_000 });
    expect({ endReason: result.endReason, error: result.error }).not.toMatchObject({ endReason: 'error' });
  });
});
