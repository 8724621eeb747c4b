import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_PULL_WAIT_MS } from '@genagent-connect/lambdas';
import { DEFAULT_COMPANY_MARKER, DEFAULT_LONG_POLL_WAIT_MS, defaultScenario, loadScenario, parseScenario, ScenarioError } from '../src';

function problemsOf(input: unknown): string {
  try {
    parseScenario(input, 'test.json', 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it('default everything a scenario leaves out', () => {
    const scenario = parseScenario({}, 'test.json', 'empty');
    expect(scenario).toMatchObject({
      name: 'empty',
      mode: 'media',
      companyMarker: DEFAULT_COMPANY_MARKER,
      pull: { mode: 'poll' },
      conversation: [],
      contact: { attributes: {} },
    });
  });

  it('default the long-poll wait to the longest pull-action allows', () => {
    expect(parseScenario({ pull: { mode: 'longPoll' } }, 'test.json', 't').pull.waitMs ?? DEFAULT_LONG_POLL_WAIT_MS).toBe(MAX_PULL_WAIT_MS);
  });

  it.each([
    [{ bogus: true }, '(scenario): Unrecognized key: "bogus"'],
    [{ pull: { mode: 'poll', waitMs: 500 } }, 'pull.waitMs: waitMs applies to mode "longPoll" only'],
    [{ pull: { mode: 'longPoll', waitMs: MAX_PULL_WAIT_MS + 1 } }, `pull.waitMs: must be at most ${MAX_PULL_WAIT_MS} ms`],
    [{ pull: { mode: 'longPoll', waitMs: 0 } }, 'pull.waitMs: must be 1 to'],
    [{ mode: 'pstn' }, 'pstn: mode "pstn" needs a "pstn" block with outputContext'],
    [{ contact: { customerNumber: '555-0100' } }, 'contact.customerNumber: must be an E.164 number'],
    [{ contact: { attributes: { 'bad key': 'x' } } }, 'contact.attributes["bad key"]: attribute names allow letters, digits, - and _'],
    [{ conversation: [{ atMs: 1.5, caller: 'hi' }] }, 'conversation[0].atMs: must be a whole number of milliseconds'],
    [{ conversation: [{ atMs: 0, fault: 'unplugValkey' }] }, 'conversation[0].fault: a fault is "stopValkey" or "failover"'],
    [{ conversation: [{ atMs: 0, push: 'speak' }] }, 'conversation[0].push: must be an object'],
    [
      { mode: 'pstn', pstn: { outputContext: { transferType: 'AGENT', currentTaskName: 'T' } }, conversation: [{ atMs: 0, caller: 'hi' }] },
      'conversation: not used in pstn mode',
    ],
  ])('name the field and the problem: %j', (input, problem) => {
    const message = problemsOf(input);
    expect(message).toMatch(/^test\.json: invalid scenario:\n/);
    expect(message).toContain(`  ${problem}`);
  });

  it('report unreadable and non-JSON files by path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-scenario-'));
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{ "conversation": [ }');
    expect(() => loadScenario(notJson)).toThrow(`${notJson}: not valid JSON`);
    expect(() => loadScenario(join(dir, 'missing.json'))).toThrow(`${join(dir, 'missing.json')}: cannot read the scenario file`);
  });

  it('name the scenario after its file unless it names itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-scenario-'));
    const file = join(dir, 'my-call.json');
    writeFileSync(file, '{}');
    expect(loadScenario(file).name).toBe('my-call');
  });

  it('ship a default conversation: greeting, processing, answer, disengage', () => {
    const actions = defaultScenario().conversation.flatMap((step) => (step.push ? [step.push.action] : []));
    expect(actions).toEqual(['processingEnd', 'speak', 'processingStart', 'processingEnd', 'speak', 'disengage']);
  });
});
