import * as z from 'zod';
import { formatIssuePath } from '../zod-issues';
import { ConfigError } from './config-error';

/** The process environment, or any plain record standing in for it (tests, the sandbox). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** How one environment variable is read: its schema (which sees `undefined` when unset or empty) and the fix to suggest. */
export interface VariableSpec<Schema extends z.ZodType = z.ZodType> {
  readonly schema: Schema;
  /** What a valid value looks like, quoted in the ConfigError when the value is rejected. */
  readonly fix: string;
}

type Values<Specs extends Record<string, VariableSpec>> = { [Name in keyof Specs]: z.output<Specs[Name]['schema']> };

/**
 * Reads and validates the given variables. An empty string counts as unset, because infrastructure tools often write
 * `""` for "not configured". Throws a ConfigError naming the first bad variable (and the path inside a JSON value).
 */
export function readEnvironment<Specs extends Record<string, VariableSpec>>(
  environment: Environment,
  specs: Specs,
): Values<Specs> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = environment[name];
    const result = spec.schema.safeParse(raw === '' ? undefined : raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const path = formatIssuePath(issue?.path ?? []);
      const variable = path === '' ? name : path.startsWith('[') ? `${name}${path}` : `${name}.${path}`;
      const problem = raw === undefined || raw === '' ? 'not set' : (issue?.message ?? 'invalid value');
      throw new ConfigError(variable, problem, spec.fix);
    }
    values[name] = result.data;
  }
  return values as Values<Specs>;
}

/** A string variable holding JSON, validated by `schema` after parsing. */
export function jsonVariable<Schema extends z.ZodType>(schema: Schema) {
  return z
    .string()
    .transform((text, context): unknown => {
      try {
        return JSON.parse(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `not valid JSON (${(error as Error).message})` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** An integer variable within [min, max]; `fallback` when unset. */
export function integerVariable(min: number, max: number, fallback?: number) {
  const parsed = z
    .string()
    .regex(/^\d+$/, 'not a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
  return fallback === undefined ? parsed : parsed.optional().transform((value) => value ?? fallback);
}

/** "true" / "false" (any case); `fallback` when unset. */
export function booleanVariable(fallback: boolean) {
  return z
    .string()
    .toLowerCase()
    .pipe(z.enum(['true', 'false'], { message: 'expected "true" or "false"' }))
    .optional()
    .transform((value) => (value === undefined ? fallback : value === 'true'));
}

/** A required non-blank string. */
export const requiredString = z.string().trim().min(1);
