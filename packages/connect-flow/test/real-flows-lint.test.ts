import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowToMermaid, lintFlow, parseFlow } from '../src';

// Flows exported from live Connect instances or deployed by AWS's samples: Connect accepted every one of them.
const REAL_FLOWS = join(__dirname, '../../../../shared/real-flows');
const realFlowFiles = readdirSync(REAL_FLOWS).filter((name) => name.endsWith('.json')).sort();

describe('the linter on real flows Connect accepted', () => {
  it('finds the real flows', () => {
    expect(realFlowFiles.length).toBeGreaterThanOrEqual(16);
  });

  it.each(realFlowFiles)('%s has no error finding and no unknown action type', (file) => {
    const findings = lintFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'));
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findings.filter((finding) => finding.rule === 'known-action-type')).toEqual([]);
  });

  it.each(realFlowFiles)('%s parses and draws', (file) => {
    const flow = parseFlow(readFileSync(join(REAL_FLOWS, file), 'utf8'), file);
    expect(flowToMermaid(flow).split('\n').filter((line) => line.includes('-->') || line.includes('-.->')).length).toBeGreaterThan(flow.Actions.length - 1);
  });
});
