import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkExpectations, loadScenario, parseScenario, type SandboxServices, startSandboxServices } from '../src';
import { SCENARIOS_DIR, simulate } from './helpers';

// Whole calls against a real Valkey and the emulator: a generous limit, so a loaded CI machine cannot trip it.
jest.setTimeout(60_000);

// Flows exported from live Connect instances or deployed by AWS's samples, read in place from ../shared/real-flows
// beside the repository (REAL_FLOWS_DIR overrides); a checkout without them skips these tests and says so.
const REAL_FLOWS = process.env.REAL_FLOWS_DIR ?? join(__dirname, '../../../../shared/real-flows');
const REAL_FLOW_SCENARIOS = join(SCENARIOS_DIR, 'real-flows');
const realFlowNames = existsSync(REAL_FLOWS)
  ? readdirSync(REAL_FLOWS)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .sort()
  : [];
if (realFlowNames.length === 0) console.warn(`no real flows at ${REAL_FLOWS}: their tests are skipped (set REAL_FLOWS_DIR)`);
const describeRealFlows = realFlowNames.length > 0 ? describe : describe.skip;

const scenarioFor = (name: string) => {
  const file = join(REAL_FLOW_SCENARIOS, `${name}.json`);
  return existsSync(file) ? loadScenario(file) : parseScenario({}, 'no scenario', name);
};

let services: SandboxServices;

beforeAll(async () => {
  services = await startSandboxServices();
});

afterAll(async () => {
  await services.close();
});

describeRealFlows('real flows in the sandbox', () => {
  it('has a real flow for every scenario in scenarios/real-flows', () => {
    const scenarios = readdirSync(REAL_FLOW_SCENARIOS).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5));
    expect(scenarios.filter((name) => !realFlowNames.includes(name))).toEqual([]);
  });

  it.each(realFlowNames.length > 0 ? realFlowNames : ['(no real flows)'])('%s runs to an end other than error, as its scenario expects', async (name) => {
    const scenario = scenarioFor(name);
    const { transcript } = await simulate(services, scenario, { flowFile: join(REAL_FLOWS, `${name}.json`) });
    expect({ endReason: transcript.outcome.endReason, error: transcript.entries.find((entry) => entry.kind === 'error' && entry.text.startsWith('flow stopped'))?.text }).not.toMatchObject({ endReason: 'error' });
    expect(checkExpectations(transcript, scenario.expect ?? {})).toEqual([]);
  });
});
