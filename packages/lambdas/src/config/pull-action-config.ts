import { QUEUE_TTL_SECONDS } from '@genagent-connect/action-queue';
import * as z from 'zod';
import { parseSsmlConversion, type SsmlConversion } from '../ssml';
import { type Environment, integerVariable, jsonVariable, readEnvironment } from './environment';

/** pull-action's per-environment behaviour. */
export interface PullActionConfig {
  /** Applied in order to the agent's raw text (see toSpeech); empty (the default) means plain text. */
  readonly ssmlConversions: readonly SsmlConversion[];
  /** 0 (default) = poll mode like ASAPP's module; 1..5000 = long-poll, waiting up to this long for an action. */
  readonly pullWaitMs: number;
  /** GenerativeAgent sending nothing for this long ends the call's loop with `error`. Default 120. */
  readonly maxIdleSeconds: number;
  /** A conversation lasting this long ends with `error` (an action that ends the module is still delivered). Default 3600. */
  readonly maxConversationSeconds: number;
  /**
   * While Valkey has been out of reach (or full) for a call for less than this, its pulls answer `none` and the module
   * polls again; past it they answer `error`. 0 = no grace. Default DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS.
   */
  readonly valkeyOutageGraceSeconds: number;
}

/**
 * This project's module gives PullAction 8 s (Connect's maximum), so a 5 s wait plus the 400 ms Valkey bound leaves
 * room to spare. Long-poll is for this project's module: ASAPP's own module gives PullAction only 3 s and needs the
 * processingStart/processingEnd answers that a long-poll consumes, so run it in poll mode.
 */
export const MAX_PULL_WAIT_MS = 5000;

export const DEFAULT_MAX_IDLE_SECONDS = 120;
/**
 * An hour: far beyond a GenerativeAgent voice conversation, yet it bounds what a call stuck in the loop costs in
 * Connect minutes. The limits may not exceed the 6 h TTL of the call's keys, which must outlive the conversation.
 */
export const DEFAULT_MAX_CONVERSATION_SECONDS = 3600;
export const MAX_CALL_LIMIT_SECONDS = QUEUE_TTL_SECONDS;

/**
 * Sized to an ElastiCache Multi-AZ failover: detection, promotion of a replica and the primary endpoint's DNS moving
 * to it (see the README's delivery guarantee), with room for the Lambdas to reconnect. A caller hears silence (or the
 * processing cue) that long at most before the module's error branch.
 */
export const DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS = 30;
/** The idle limit's default: an outage longer than that is no blip. */
export const MAX_VALKEY_OUTAGE_GRACE_SECONDS = 120;

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
    MAX_IDLE_SECONDS: {
      schema: integerVariable(1, MAX_CALL_LIMIT_SECONDS, DEFAULT_MAX_IDLE_SECONDS),
      fix: `set it to whole seconds from 1 to ${MAX_CALL_LIMIT_SECONDS}, or leave it unset for ${DEFAULT_MAX_IDLE_SECONDS}`,
    },
    MAX_CONVERSATION_SECONDS: {
      schema: integerVariable(1, MAX_CALL_LIMIT_SECONDS, DEFAULT_MAX_CONVERSATION_SECONDS),
      fix: `set it to whole seconds from 1 to ${MAX_CALL_LIMIT_SECONDS}, or leave it unset for ${DEFAULT_MAX_CONVERSATION_SECONDS}`,
    },
    VALKEY_OUTAGE_GRACE_SECONDS: {
      schema: integerVariable(0, MAX_VALKEY_OUTAGE_GRACE_SECONDS, DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS),
      fix: `set it to whole seconds from 0 (no grace) to ${MAX_VALKEY_OUTAGE_GRACE_SECONDS}, or leave it unset for ${DEFAULT_VALKEY_OUTAGE_GRACE_SECONDS}`,
    },
  });
  return {
    ssmlConversions: values.SSML_CONVERSIONS ?? [],
    pullWaitMs: values.PULL_WAIT_MS,
    maxIdleSeconds: values.MAX_IDLE_SECONDS,
    maxConversationSeconds: values.MAX_CONVERSATION_SECONDS,
    valkeyOutageGraceSeconds: values.VALKEY_OUTAGE_GRACE_SECONDS,
  };
}
