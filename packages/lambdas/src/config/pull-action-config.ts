import * as z from 'zod';
import { parseSsmlConversion, type SsmlConversion } from '../ssml';
import { type Environment, integerVariable, jsonVariable, readEnvironment } from './environment';

/** pull-action's per-environment behaviour. */
export interface PullActionConfig {
  /** Applied in order to the agent's raw text (see toSpeech); empty (the default) means plain text. */
  readonly ssmlConversions: readonly SsmlConversion[];
  /** 0 (default) = poll mode like ASAPP's module; 1..5000 = long-poll, waiting up to this long for an action. */
  readonly pullWaitMs: number;
}

/**
 * This project's module gives PullAction 8 s (Connect's maximum), so a 5 s wait plus the 400 ms Valkey bound leaves
 * room to spare. Long-poll is for this project's module: ASAPP's own module gives PullAction only 3 s and needs the
 * processingStart/processingEnd answers that a long-poll consumes, so run it in poll mode.
 */
export const MAX_PULL_WAIT_MS = 5000;

// Compiled and checked once per container: a replacement that is not well-formed markup fails at start-up, naming the
// conversion (SSML_CONVERSIONS[i].replaceWith), instead of making Polly refuse every speak that matches it.
const ssmlConversionSchema = z
  .object({ searchFor: z.string().min(1), replaceWith: z.string() })
  .transform((rule, context) => {
    const parsed = parseSsmlConversion(rule);
    if (parsed.ok) return parsed.conversion;
    context.addIssue({ code: 'custom', path: [parsed.field], message: parsed.problem });
    return z.NEVER;
  });

export function parsePullActionConfig(environment: Environment): PullActionConfig {
  const values = readEnvironment(environment, {
    SSML_CONVERSIONS: {
      schema: jsonVariable(z.array(ssmlConversionSchema)).optional(),
      fix: 'set it to a JSON array [{"searchFor": "<regular expression, flags gi>", "replaceWith": "<well-formed SSML markup; $& or $1 insert the match>"}], or leave it unset for plain text',
    },
    PULL_WAIT_MS: {
      schema: integerVariable(0, MAX_PULL_WAIT_MS, 0),
      fix: `set it to 0 (poll mode) or to whole milliseconds up to ${MAX_PULL_WAIT_MS} (long-poll), or leave it unset for 0`,
    },
  });
  return { ssmlConversions: values.SSML_CONVERSIONS ?? [], pullWaitMs: values.PULL_WAIT_MS };
}
