import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentJsonSchemaText, jsonSchemaFileName } from '../src/config/json-schema';
import { repoEnvironmentsDir } from './synth';

describe('environments/environment.schema.json', () => {
  it('is generated from the zod schema and up to date (regenerate: pnpm --filter @genagent-connect/infra schema)', () => {
    expect(readFileSync(join(repoEnvironmentsDir, jsonSchemaFileName), 'utf8')).toBe(environmentJsonSchemaText());
  });

  it('closes every object, so editors flag misspelt fields too', () => {
    const schema = JSON.parse(environmentJsonSchemaText()) as { additionalProperties: unknown; properties: Record<string, unknown> };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['accountId', 'connectInstanceArn', 'asapp', 'backend']));
  });
});
