import { z } from 'zod';
import { environmentSchema } from './environment-schema';

/** File name of the generated JSON schema in environments/ (skipped when loading environments). */
export const jsonSchemaFileName = 'environment.schema.json';

/**
 * The environment schema as JSON Schema, for editor completion and checks in environment files
 * (`"$schema": "./environment.schema.json"`). Cross-field rules (instance ARN vs account/region,
 * two AZs) are only in the zod schema, which synth applies.
 */
export function environmentJsonSchemaText(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'GenerativeAgent on Amazon Connect: one environment' }, null, 2)}\n`;
}
