import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlow, runFlow, virtualClock } from '../src';
import { describeRealFlows, REAL_FLOWS, realFlowRows } from './real-flows';

describeRealFlows('the interpreter on real flows, with a silent caller and no services', () => {
  it.each(realFlowRows)('%s runs to an end other than error', async (file) => {
    const flow = parseFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'), file);
    // Hold music and queue loops play until the caller hangs up.
    const result = await runFlow(flow, { clock: virtualClock(), hangUpAtMs: 120_000, maxSteps: 5_000 });
    expect({ endReason: result.endReason, error: result.error }).not.toMatchObject({ endReason: 'error' });
  });
});
