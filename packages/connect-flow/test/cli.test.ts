import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/run';

const REPO_ROOT = join(__dirname, '../../..');
const FIXTURES = join(__dirname, 'fixtures');

function run(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, {
    cwd,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('connect-flow CLI', () => {
  let workDir: string;
  beforeEach(() => {
    workDir = mkdtempSync(join(tmpdir(), 'connect-flow-cli-'));
  });
  afterEach(() => rmSync(workDir, { recursive: true, force: true }));

  it('lints flow-modules/*.json of the working directory by default and passes the shipped flows', () => {
    const result = run(['lint'], REPO_ROOT);
    expect(result).toEqual({ code: 0, stdout: 'Linted 3 flow file(s): 0 error(s), 0 warning(s)\n', stderr: '' });
  });

  it('prints findings with file, severity, rule and action, and exits 1 on errors', () => {
    mkdirSync(join(workDir, 'flows'));
    copyFileSync(join(FIXTURES, 'parameter-values.json'), join(workDir, 'flows', 'broken.json'));
    const result = run(['lint', 'flows/broken.json'], workDir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'flows/broken.json: [error] parameter-values (Greet): Parameters.FlowLoggingBehavior is "On"; Connect accepts Enabled, Disabled\n' +
        'Linted 1 flow file(s): 1 error(s), 0 warning(s)\n',
    );
  });

  it('exits 0 when there are only warnings, and checks placeholders with --require-bound', () => {
    expect(run(['lint', join(FIXTURES, 'known-action-type.json')], workDir).code).toBe(0);
    expect(run(['lint', join(FIXTURES, 'error-branches.json')], workDir).code).toBe(0);
    expect(run(['lint', join(FIXTURES, 'unbound-placeholders.json')], workDir).code).toBe(0);
    const bound = run(['lint', '--require-bound', join(FIXTURES, 'unbound-placeholders.json')], workDir);
    expect(bound.code).toBe(1);
    expect(bound.stdout).toContain('[error] unbound-placeholders (Greet): placeholder {{GREETING_TEXT}} is unbound');
  });

  it('says what to do when there is nothing to lint', () => {
    const result = run(['lint'], workDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no flow files to lint/);
  });

  it('writes the Mermaid graph to --out, or to stdout', () => {
    const flow = join(FIXTURES, 'unreachable-actions.json');
    const toStdout = run(['graph', flow], workDir);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toMatch(/^flowchart TD\n/);
    expect(run(['graph', flow, '--out', 'graph.mmd'], workDir).code).toBe(0);
    expect(readFileSync(join(workDir, 'graph.mmd'), 'utf8')).toBe(toStdout.stdout);
  });

  it('draws a flow the strict schema rejects from its identifiers and transitions, saying why on stderr', () => {
    const loose = {
      Version: '2019-10-30',
      StartAction: 'Greet',
      Actions: [
        { Identifier: 'Greet', Type: 'MessageParticipant', Parameters: { Text: 'Hi' }, Transitions: { NextAction: 'Bye' }, Comment: 'extra' },
        { Identifier: 'Bye', Type: 'DisconnectParticipant', Transitions: {} },
      ],
    };
    writeFileSync(join(workDir, 'loose.json'), JSON.stringify(loose));
    const result = run(['graph', 'loose.json'], workDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('a0 --> a1');
    expect(result.stderr).toMatch(/^loose\.json: drawn from its identifiers and transitions; the schema rejects it \(Actions\[0\]: /);
  });

  it('reports an invalid flow for graph, and usage mistakes with exit 2', () => {
    const invalid = run(['graph', join(FIXTURES, 'valid-shape.json')], workDir);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/not a valid flow:\n {2}Actions\[0\]\.Transitions\.Errors\[0\]\.ErrorType/);
    expect(run(['graph'], workDir).code).toBe(2);
    expect(run(['lint', '--fix'], workDir)).toEqual(expect.objectContaining({ code: 2, stderr: expect.stringMatching(/--fix/) }));
    expect(run(['format'], workDir).stderr).toMatch(/^unknown command "format"\nusage:/);
  });
});
