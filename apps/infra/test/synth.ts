import { join } from 'node:path';
import { Testing } from 'cdktf';
import type { EnvironmentConfig, EnvironmentFile } from '../src/config/environment-schema';
import { loadEnvironments, parseEnvironment } from '../src/config/load-environments';
import { GenerativeAgentStack } from '../src/stack';

/** A synthesized stack: the Terraform JSON cdktf writes to cdk.tf.json. */
export interface SynthesizedStack {
  terraform: Record<string, unknown> & { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> };
  provider: { aws: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string }>;
}

/** environments/: whatever environments the repository has now. Tests iterate these, never name one. */
export const repoEnvironmentsDir = join(__dirname, '../../../environments');
export const exampleEnvironments = loadEnvironments(repoEnvironmentsDir);
/** The dev, staging and prod the tests name, kept apart so adding or removing a file in environments/ breaks nothing. */
export const fixtureEnvironmentsDir = join(__dirname, 'fixtures', 'environments');
const fixtureEnvironments = loadEnvironments(fixtureEnvironmentsDir);

/** A fixture environment (test/fixtures/environments/<name>.json) as synth parses it. */
export function exampleConfig(name: string): EnvironmentConfig {
  const environment = fixtureEnvironments.find((candidate) => candidate.name === name);
  if (!environment) throw new Error(`no fixture environment ${name} in ${fixtureEnvironmentsDir}`);
  return environment.config;
}

/** Parses a config the way synth does (defaults applied); throws on problems. */
export function configFrom(file: EnvironmentFile): EnvironmentConfig {
  const result = parseEnvironment('test.json', JSON.stringify(file));
  if ('problems' in result) throw new Error(result.problems.join('\n'));
  return result.environment.config;
}

export function synthStack(name: string, config: EnvironmentConfig): SynthesizedStack {
  const stack = new GenerativeAgentStack(Testing.app(), name, config);
  return JSON.parse(Testing.synth(stack)) as SynthesizedStack;
}

/** The resources of one type, without cdktf's metadata. */
export function resourcesOf(stack: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(stack.resource[type] ?? {}).map(({ '//': _metadata, ...rest }) => rest);
}

export function dataOf(stack: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(stack.data?.[type] ?? {}).map(({ '//': _metadata, ...rest }) => rest);
}

export function onlyResource(stack: SynthesizedStack, type: string, where: (resource: Record<string, unknown>) => boolean = () => true) {
  const matches = resourcesOf(stack, type).filter(where);
  if (matches.length !== 1) throw new Error(`expected exactly one ${type}, found ${matches.length}`);
  return matches[0] as Record<string, unknown>;
}

export function lambdaNamed(stack: SynthesizedStack, functionName: string) {
  return onlyResource(stack, 'aws_lambda_function', (fn) => fn.function_name === functionName) as {
    environment: { variables: Record<string, string> };
    vpc_config?: { subnet_ids: string[]; security_group_ids: string[] };
    [key: string]: unknown;
  };
}

/** `${aws_x.name.attr}` → the resource address `aws_x.name`, to follow references. */
export function referencedAddress(expression: unknown): string | undefined {
  return typeof expression === 'string' ? /^\$\{((?:data\.)?[a-z0-9_]+\.[^.}]+)\.[a-z_]+\}$/.exec(expression)?.[1] : undefined;
}

/** The resource a `${type.name.attr}` expression points at. */
export function resolveReference(stack: SynthesizedStack, expression: unknown): Record<string, unknown> | undefined {
  const address = referencedAddress(expression);
  if (!address) return undefined;
  const [type = '', name = ''] = address.split('.');
  return stack.resource[type]?.[name];
}

/** `${expression}` as Terraform JSON writes a reference. */
export const interpolation = (expression: string) => `\${${expression}}`;
