import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing } from 'cdktf';
import type { Construct } from 'constructs';

export const instanceArn = 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555';
export const instanceId = '11111111-2222-3333-4444-555555555555';

/** Synthesizes whatever `build` adds to a minimal stack with an AWS provider; returns the JSON string. */
export function synth(build: (scope: Construct) => void): string {
  return Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'us-east-1' });
    build(scope);
  });
}

type Block = Record<string, unknown>;

/** The resources of one type in a synthesized stack, by logical id. */
export function resourcesOf(synthesized: string, type: string): Block[] {
  const parsed = JSON.parse(synthesized) as { resource?: Record<string, Record<string, Block>> };
  return Object.values(parsed.resource?.[type] ?? {});
}

/** The data sources of one type in a synthesized stack. */
export function dataSourcesOf(synthesized: string, type: string): Block[] {
  const parsed = JSON.parse(synthesized) as { data?: Record<string, Record<string, Block>> };
  return Object.values(parsed.data?.[type] ?? {});
}

/** The single resource of a type; fails the test when there are none or several. */
export function onlyResource(synthesized: string, type: string): Block {
  const found = resourcesOf(synthesized, type);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${type}, found ${found.length}`);
  }
  return found[0] as Block;
}

/** Parses an IAM policy JSON string from the synthesized stack. */
export function policy(json: unknown): { Statement: Array<Record<string, unknown>> } {
  return JSON.parse(String(json));
}

/** Writes a throwaway file (a stand-in zip or WAV: constructs only hash and copy it). */
export function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'constructs-test-')), name);
  writeFileSync(path, content);
  return path;
}

/** `type.name` of each resource of a type: what `depends_on` lists. */
export function addressesOf(synthesized: string, type: string): string[] {
  const parsed = JSON.parse(synthesized) as { resource?: Record<string, Record<string, Block>> };
  return Object.keys(parsed.resource?.[type] ?? {}).map((name) => `${type}.${name}`);
}
