import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/run';
import { diffFlows, diffToMermaid, findPlaceholders, type Flow, formatFlowDiff, isEmptyDiff, parseFlow } from '../src';

const MODULE_TEXT = readFileSync(join(__dirname, '../../../flow-modules/generative-agent-module.json'), 'utf8');
const moduleFlow = () => parseFlow(MODULE_TEXT) as Flow;
const actionOf = (flow: Flow, identifier: string) => {
  const action = flow.Actions.find((candidate) => candidate.Identifier === identifier);
  if (!action) throw new Error(`no ${identifier}`);
  return action;
};

describe('diffFlows', () => {
  it('finds nothing between a flow and itself, layout metadata aside', () => {
    const moved = moduleFlow();
    moved.Metadata = { entryPointPosition: { x: 999, y: 1 } };
    expect(isEmptyDiff(diffFlows(moduleFlow(), moved))).toBe(true);
  });

  it('names blocks added, removed and changed: parameters, rewired transitions, the start', () => {
    const before = moduleFlow();
    const after = moduleFlow();
    actionOf(after, 'Wait1sSilence').Parameters = { ...actionOf(after, 'Wait1sSilence').Parameters, Text: 'changed' };
    const routing = actionOf(after, 'RouteNextAction');
    routing.Transitions = { ...routing.Transitions, NextAction: 'SetDispositionError' };
    after.Actions = after.Actions.filter((action) => action.Identifier !== 'SetErrorMessageUnknownNext');
    after.Actions.push({ Identifier: 'NewBlock', Type: 'UpdateFlowAttributes', Parameters: {}, Transitions: {} });
    after.StartAction = 'SetInitialAgentProcessing';

    const diff = diffFlows(before, after);
    expect(diff.startAction).toEqual({ before: 'CheckIfMediaStreamingStarted', after: 'SetInitialAgentProcessing' });
    expect(diff.added.map((action) => action.Identifier)).toEqual(['NewBlock']);
    expect(diff.removed.map((action) => action.Identifier)).toEqual(['SetErrorMessageUnknownNext']);
    // In the new version's block order.
    expect(diff.changed.map((change) => change.identifier)).toEqual(['RouteNextAction', 'Wait1sSilence']);
    expect(diff.changed[1]?.parameters).toEqual([
      { path: 'Text', before: actionOf(before, 'Wait1sSilence').Parameters.Text, after: 'changed', boundPlaceholders: [] },
    ]);
    expect(diff.changed[0]?.transitions).toEqual([{ branch: 'next', before: 'SetErrorMessageUnknownNext', after: 'SetDispositionError' }]);

    const text = formatFlowDiff(diff);
    expect(text).toContain('- added `NewBlock` (UpdateFlowAttributes)');
    expect(text).toContain('- removed `SetErrorMessageUnknownNext` (UpdateContactAttributes)');
    expect(text).toContain('  - next: rewired `SetErrorMessageUnknownNext` → `SetDispositionError`');
    expect(text).toContain('  - parameter Text: ');
  });

  it('reports a placeholder the new version fills as bound, with the value', () => {
    const [placeholder] = findPlaceholders(MODULE_TEXT);
    if (placeholder === undefined) throw new Error('the module has no placeholder');
    const value = 'arn:aws:lambda:us-east-1:111111111111:function:genagent-dev-engage:live';
    const rendered = parseFlow(MODULE_TEXT.replaceAll(`{{${placeholder}}}`, value));
    const diff = diffFlows(moduleFlow(), rendered);
    const bound = diff.changed.flatMap((change) => change.parameters).filter((change) => change.boundPlaceholders.includes(placeholder));
    expect(bound.length).toBeGreaterThan(0);
    expect(bound.every((change) => change.after === value || JSON.stringify(change.after).includes(value))).toBe(true);
    expect(formatFlowDiff(diff)).toContain(`{{${placeholder}}} bound to`);
  });

  it('marks the changed, added and removed blocks in the new version’s Mermaid graph', () => {
    const after = moduleFlow();
    actionOf(after, 'PullAction').Parameters = { ...actionOf(after, 'PullAction').Parameters, InvocationTimeLimitSeconds: '3' };
    after.Actions = after.Actions.filter((action) => action.Identifier !== 'SetErrorMessageUnknownNext');
    const diff = diffFlows(moduleFlow(), after);
    const graph = diffToMermaid(after, diff);
    const pullIndex = after.Actions.findIndex((action) => action.Identifier === 'PullAction');
    expect(graph).toContain(`  class a${pullIndex} changed\n`);
    expect(graph).toContain('  removed0["removed: SetErrorMessageUnknownNext"]');
    expect(graph).toContain('  class removed0 removed\n');
    expect(graph.startsWith('flowchart TD\n')).toBe(true);
  });
});

describe('connect-flow diff (CLI)', () => {
  let repo: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@localhost', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  const run = (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = runCli(argv, { cwd: repo, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  };

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'flow-diff-'));
    mkdirSync(join(repo, 'flow-modules'));
    writeFileSync(join(repo, 'flow-modules', 'module.json'), MODULE_TEXT);
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'one');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('diffs flow-modules/ over a revision range, then against the working tree', () => {
    writeFileSync(join(repo, 'flow-modules', 'module.json'), MODULE_TEXT.replace('"speak"', '"speek"'));
    git('commit', '--quiet', '-am', 'two');
    const ranged = run(['diff', 'HEAD~1..HEAD']);
    expect(ranged.code).toBe(0);
    expect(ranged.stdout).toContain('### flow-modules/module.json\n- changed `RouteNextAction` (Compare)\n');
    expect(ranged.stdout).toContain('  - condition speak → speek (still to `CheckTextType`)\n');
    expect(ranged.stdout).toContain('```mermaid\nflowchart TD\n');

    expect(run(['diff', 'HEAD..']).stdout).toBe('No flow changes in flow-modules/ from HEAD to the working tree.\n');
    writeFileSync(join(repo, 'flow-modules', 'extra.json'), MODULE_TEXT);
    expect(run(['diff', 'HEAD..']).stdout).toBe('### flow-modules/extra.json\n- new file\n');
  });

  it('diffs two files, and says what is wrong with a file that is not a flow', () => {
    writeFileSync(join(repo, 'new.json'), MODULE_TEXT.replace('"speak"', '"speek"'));
    expect(run(['diff', 'flow-modules/module.json', 'new.json']).stdout).toContain('### new.json\n- changed `RouteNextAction`');
    writeFileSync(join(repo, 'broken.json'), '{"Version": "2019-10-30"}');
    expect(run(['diff', 'flow-modules/module.json', 'broken.json'])).toMatchObject({ code: 1, stderr: expect.stringContaining('broken.json') });
    expect(run(['diff', 'only-one.json'])).toMatchObject({ code: 2, stderr: expect.stringContaining('diff takes OLD NEW') });
  });
});
