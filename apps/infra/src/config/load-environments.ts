import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { z } from 'zod';
import { type EnvironmentConfig, environmentSchema } from './environment-schema';
import { formatIssues } from './format-issues';

/** A validated `environments/<name>.json`. */
export interface Environment {
  /** File name without `.json`: the stack name. */
  readonly name: string;
  readonly config: EnvironmentConfig;
}

/** Every problem of every environment file, one line each: `<file>: <field>: <expected>`. */
export class EnvironmentConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvironmentConfigError';
  }
}

/** Environment names become stack names, directory names and state file names. */
const environmentName = /^[a-z][a-z0-9-]{0,31}$/;
const schemaFileSuffix = '.schema.json';

/** The environment files of a directory: `*.json` except the generated `*.schema.json`. */
function environmentFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json') && !file.endsWith(schemaFileSuffix))
    .sort()
    .map((file) => join(directory, file));
}

type ParseResult = { readonly environment: Environment } | { readonly problems: readonly string[] };

/**
 * Parses one environment file's text. `displayName` is how problems name the file.
 */
export function parseEnvironment(displayName: string, text: string): ParseResult {
  const name = basename(displayName, '.json');
  if (!environmentName.test(name)) {
    return {
      problems: [
        `${displayName}: (file name): expected a lower-case name of letters, digits and "-" (it names the stack and its state), got "${name}"`,
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { problems: [`${displayName}: (file): expected valid JSON: ${(error as Error).message}`] };
  }
  const result = z.safeParse(environmentSchema, data, { reportInput: true });
  if (!result.success) {
    return { problems: formatIssues(result.error.issues).map((problem) => `${displayName}: ${problem}`) };
  }
  return { environment: { name, config: result.data } };
}

/**
 * Reads and validates every environment file of `directory`. All files are checked before any
 * is returned, so one bad file stops the whole synth with every problem listed.
 *
 * @param displayRoot problems name files relative to this directory (the repository root)
 * @throws EnvironmentConfigError listing every problem
 */
export function loadEnvironments(directory: string, displayRoot = directory): Environment[] {
  const files = environmentFiles(directory);
  if (files.length === 0) {
    throw new EnvironmentConfigError([`${relative(displayRoot, directory) || directory}: no environment files (*.json) found`]);
  }
  const results = files.map((file) => {
    const displayName = relative(displayRoot, file);
    return { displayName, result: parseEnvironment(displayName, readFileSync(file, 'utf8')) };
  });
  const valid = results.flatMap(({ displayName, result }) => ('environment' in result ? [{ displayName, ...result.environment }] : []));
  const problems = [
    ...results.flatMap(({ result }) => ('problems' in result ? result.problems : [])),
    ...crossFileProblems(valid),
  ];
  if (problems.length > 0) {
    throw new EnvironmentConfigError(problems);
  }
  return valid.map(({ name, config }) => ({ name, config }));
}

/**
 * What no single file shows: two environments with one `namePrefix` in one account would create the same resource
 * names (IAM role names are account-wide, so even in two regions), and two on one Connect instance would both manage
 * its media streaming configuration. Each clash names the later file and the file it clashes with.
 */
function crossFileProblems(environments: readonly (Environment & { readonly displayName: string })[]): string[] {
  const firstWith = (key: (config: EnvironmentConfig) => string) => {
    const seen = new Map<string, string>();
    return environments.flatMap(({ displayName, config }) => {
      const earlier = seen.get(key(config));
      if (earlier === undefined) seen.set(key(config), displayName);
      return earlier === undefined ? [] : [{ displayName, earlier, config }];
    });
  };
  return [
    ...firstWith((config) => `${config.accountId}/${config.namePrefix}`).map(
      ({ displayName, earlier, config }) =>
        `${displayName}: namePrefix: expected a prefix no other environment of account ${config.accountId} uses; ${earlier} uses "${config.namePrefix}" too, and every resource name would clash`,
    ),
    ...firstWith((config) => config.connectInstanceArn).map(
      ({ displayName, earlier, config }) =>
        `${displayName}: connectInstanceArn: expected an instance no other environment deploys to; ${earlier} uses ${config.connectInstanceArn} too, and both stacks would manage its media streaming and flows`,
    ),
  ];
}
