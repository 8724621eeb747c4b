import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowToMermaid, lintFlow, parseFlow } from '../src';
import { describeRealFlows, REAL_FLOWS, realFlowFiles, realFlowRows } from './real-flows';

describeRealFlows('the linter on real flows Connect accepted', () => {
  it('finds the real flows', () => {
    expect(realFlowFiles.length).toBeGreaterThanOrEqual(16);
  });

  it.each(realFlowRows)('%s has no error finding and no unknown action type', (file) => {
    const findings = lintFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'));
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findings.filter((finding) => finding.rule === 'known-action-type')).toEqual([]);
  });

  it.each(realFlowRows)('%s parses and draws', (file) => {
    const flow = parseFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'), file);
    expect(flowToMermaid(flow).split('\n').filter((line) => line.includes('-->') || line.includes('-.->')).length).toBeGreaterThan(flow.Actions.length - 1);
  });
});
