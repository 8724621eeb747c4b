import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { MAX_CALL_LIMIT_SECONDS, MAX_PULL_WAIT_MS } from '@genagent-connect/lambdas';
import { z } from 'zod';

/**
 * Long-poll wait when a scenario asks for long-poll without saying how long: the longest pull-action allows (what
 * the module's 8 s PullAction limit leaves room for), since it makes the fewest PullAction calls.
 */
export const DEFAULT_LONG_POLL_WAIT_MS = MAX_PULL_WAIT_MS;
export const DEFAULT_COMPANY_MARKER = 'sandbox-company';
/** A scenario `flows` value that stands for the shipped GenerativeAgent module (say, under your deployed module's ARN). */
export const GENERATIVE_AGENT_MODULE = 'GENERATIVE_AGENT_MODULE';

const milliseconds = z.int({ error: 'must be a whole number of milliseconds' }).min(0, { error: 'must be 0 or more' });
const callLimitSeconds = z
  .int({ error: 'must be whole seconds' })
  .min(1, { error: 'must be at least 1 s' })
  .max(MAX_CALL_LIMIT_SECONDS, { error: `must be at most ${MAX_CALL_LIMIT_SECONDS} s (pull-action's limit)` });
const e164 = z.string().regex(/^\+[1-9]\d{1,14}$/, { error: 'must be an E.164 number such as +15555550100' });
// Connect allows only these characters in contact attribute keys.
const attributeMap = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.string({ error: 'values must be strings' }), {
  error: (issue) => (issue.code === 'invalid_key' ? 'attribute names allow letters, digits, - and _' : undefined),
});
const stringMap = z.record(z.string(), z.string({ error: 'values must be strings' }));

/** Replaces ASAPP's reply on one emulated endpoint (see the emulator's setBehaviour). */
const endpointOverrideSchema = z.strictObject({
  status: z.int().min(100).max(599).optional(),
  delayMs: milliseconds.optional(),
  body: z.unknown().optional(),
});

/**
 * One step of GenerativeAgent's side of the call, `atMs` after engage: a push (the event ASAPP sends PushAction;
 * `companyMarker` and `guid` are filled in unless given, and a `null` removes them), a line the caller says (shown in
 * the transcript only), or a fault the sandbox injects.
 */
const conversationStepSchema = z
  .strictObject({
    atMs: milliseconds,
    push: z.record(z.string(), z.unknown(), { error: 'must be an object: the event ASAPP sends PushAction' }).optional(),
    caller: z.string().min(1).optional(),
    fault: z.enum(['stopValkey', 'failover'], { error: 'a fault is "stopValkey" or "failover"' }).optional(),
  })
  .refine((step) => [step.push, step.caller, step.fault].filter((part) => part !== undefined).length === 1, {
    error: 'give exactly one of "push", "caller" or "fault"',
  });

const outputContextSchema = z.strictObject({
  transferType: z.enum(['AGENT', 'SYSTEM']),
  currentTaskName: z.string().min(1),
  referenceVariables: z.record(z.string(), z.unknown()).default({}),
  transferVariables: z.record(z.string(), z.unknown()).default({}),
});

/** What GenerativeAgent does with a call transferred to it over PSTN. */
const pstnSchema = z.strictObject({
  /** Call time GenerativeAgent keeps the caller before handing the call back. Default 20 s. */
  conversationMs: milliseconds.default(20_000),
  /** How the transfer leg ends: `completed` (answered, later handed back), `callFailed` or `timeout`. */
  answer: z.enum(['completed', 'callFailed', 'timeout']).default('completed'),
  outputContext: outputContextSchema,
});

/**
 * One thing the caller does when the flow asks for input (Get customer input, a Lex bot), in order, not before `atMs`
 * (call time; default as soon as asked): press DTMF digits, say something, or say something a Lex bot recognises as
 * an intent with slots. A caller with nothing left to give is silent: the block takes its timeout branch.
 */
const callerInputSchema = z
  .strictObject({
    atMs: milliseconds.optional(),
    dtmf: z.string().regex(/^[0-9*#]+$/, { error: 'DTMF digits are 0-9, * and #' }).optional(),
    utterance: z.string().min(1).optional(),
    intent: z
      .strictObject({
        name: z.string().min(1),
        slots: stringMap.optional(),
        confidence: z.number().min(0).max(1).optional(),
      })
      .optional(),
  })
  .refine((input) => (input.dtmf !== undefined) !== (input.utterance !== undefined || input.intent !== undefined), {
    error: 'give "dtmf", or "utterance" and/or "intent"',
  });

/** How a service block answers (Customer Profiles, Cases, queue metrics, callbacks, …); see ServiceAnswer. */
const blockAnswerSchema = z.strictObject({
  /** What the block's conditions compare: a metric, a status, a percentage bucket. */
  value: z.string().optional(),
  /** What the flow reads afterwards: `$.Customer.*` (profiles), `$.Case.*` (cases), `$.Metrics.*` (queue metrics). */
  data: z.record(z.string(), z.unknown()).optional(),
  /** An ErrorType to fail with, e.g. NoneFound. */
  error: z.string().min(1).optional(),
});

/**
 * Answers for what the sandbox does not run. A Lambda or block without one gets a neutral answer (`{}`, no value)
 * and a warning.
 */
const servicesSchema = z.strictObject({
  /** Lambda responses by calling block Identifier, or by function (ARN, unqualified ARN or name). */
  lambdas: z.record(z.string(), z.unknown()).default({}),
  /** Service block answers by block Identifier or action type. */
  blocks: z.record(z.string(), blockAnswerSchema).default({}),
});

/** Checked by `checkExpectations` (CLI exit code, tests): every field given must hold. */
const expectSchema = z.strictObject({
  /** ASAPP_Disposition at the end; null = never set. */
  disposition: z.string().nullable().optional(),
  /** The interpreter's end reason, e.g. `disconnected`. */
  endReason: z.string().optional(),
  /** Final contact attributes; null = must be absent. */
  attributes: z.record(z.string(), z.string().nullable()).optional(),
  errorMessageContains: z.string().optional(),
  pushesRejected: z.int().min(0).optional(),
  /** Transcript lines that must appear in this order (others may come between): kind, and text the line contains. */
  transcript: z.array(z.strictObject({ kind: z.string().min(1), contains: z.string().optional() })).optional(),
});

const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    /** `media`: sample inbound flow + the module (default). `pstn`: the PSTN transfer flow. */
    mode: z.enum(['media', 'pstn']).default('media'),
    contact: z
      .strictObject({
        contactId: z.uuid({ error: 'must be a UUID' }).optional(),
        customerNumber: e164.optional(),
        systemNumber: e164.optional(),
        /** Set before the flow starts, as a customer's "Set contact attributes" block would. */
        attributes: attributeMap.default({}),
        /** The caller hangs up at this call time. Default never. */
        hangUpAtMs: milliseconds.optional(),
      })
      .default({ attributes: {} }),
    /** Set as contact attribute ASAPP_CompanyMarker, used by the sample flow and by GenerativeAgent's pushes. */
    companyMarker: z.string().min(1).default(DEFAULT_COMPANY_MARKER),
    pull: z
      .strictObject({
        mode: z.enum(['poll', 'longPoll']).default('poll'),
        /** PULL_WAIT_MS. Default DEFAULT_LONG_POLL_WAIT_MS. */
        waitMs: z
          .int({ error: 'must be a whole number of milliseconds' })
          .min(1, { error: `must be 1 to ${MAX_PULL_WAIT_MS} ms (0 is poll mode: use "mode": "poll")` })
          .max(MAX_PULL_WAIT_MS, { error: `must be at most ${MAX_PULL_WAIT_MS} ms (pull-action's MAX_PULL_WAIT_MS)` })
          .optional(),
      })
      .default({ mode: 'poll' })
      .refine((pull) => pull.mode === 'longPoll' || pull.waitMs === undefined, {
        error: 'waitMs applies to mode "longPoll" only',
        path: ['waitMs'],
      }),
    /** The pull-action handler's MAX_IDLE_SECONDS (call time). Default pull-action's, 120. */
    maxIdleSeconds: callLimitSeconds.optional(),
    /** The pull-action handler's MAX_CONVERSATION_SECONDS (call time). Default pull-action's, 3600. */
    maxConversationSeconds: callLimitSeconds.optional(),
    /** The pull-action handler's SSML_CONVERSIONS. */
    ssmlConversions: z.array(z.strictObject({ searchFor: z.string().min(1), replaceWith: z.string() })).default([]),
    /** The engage handler's ATTRIBUTES_TO_INPUT_VARIABLES. */
    attributesToInputVariables: stringMap.default({}),
    /** `{outputVariable: contactAttribute}`, rendered into the module's ExtractOutputVariables block. */
    outputVariables: stringMap.default({}),
    asapp: z
      .strictObject({
        /** ASAPP_TIMEOUT_MS of engage, call-transfer and call-context. Default 6500 (the handlers' own). */
        timeoutMs: z.int().min(100).max(7000).optional(),
        engage: endpointOverrideSchema.optional(),
        createCallTransfer: endpointOverrideSchema.optional(),
        getCallTransfer: endpointOverrideSchema.optional(),
      })
      .default({}),
    conversation: z.array(conversationStepSchema).default([]),
    /** What the caller presses or says when the flow asks (DTMF menus, Lex bots). Default: a silent caller. */
    callerInput: z.array(callerInputSchema).default([]),
    services: servicesSchema.default({ lambdas: {}, blocks: {} }),
    /**
     * Targets of TransferToFlow and InvokeFlowModule: `{name, id or ARN: flow file}`, paths relative to the scenario
     * file; `GENERATIVE_AGENT_MODULE` (the value) is the shipped module. `--flows DIR` adds every flow in DIR by file name.
     */
    flows: z.record(z.string(), z.string().min(1)).default({}),
    pstn: pstnSchema.optional(),
    /** Safety cap on call time. Default 5 minutes. */
    maxCallMs: z.int().positive().default(300_000),
    expect: expectSchema.optional(),
  })
  .superRefine((scenario, context) => {
    if (scenario.mode === 'pstn' && scenario.pstn === undefined) {
      context.addIssue({ code: 'custom', path: ['pstn'], message: 'mode "pstn" needs a "pstn" block with outputContext' });
    }
    if (scenario.mode === 'media' && scenario.pstn !== undefined) {
      context.addIssue({ code: 'custom', path: ['pstn'], message: 'only used with "mode": "pstn"' });
    }
    if (scenario.mode === 'pstn' && scenario.conversation.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['conversation'],
        message: 'not used in pstn mode: GenerativeAgent talks on the transferred leg; describe its result in pstn.outputContext',
      });
    }
  });

export type Scenario = z.output<typeof scenarioSchema> & { readonly name: string };
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ConversationStep = Scenario['conversation'][number];
export type ScenarioExpectations = NonNullable<Scenario['expect']>;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

/** Validates a scenario; the error lists every problem as `<source>: <field path>: <message>`. */
export function parseScenario(input: unknown, source: string, defaultName: string): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${z.core.toDotPath(issue.path) || '(scenario)'}: ${issue.message}`);
    throw new ScenarioError(`${source}: invalid scenario:\n${problems.join('\n')}`);
  }
  return { ...result.data, name: result.data.name ?? defaultName };
}

export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`${path}: cannot read the scenario file (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const scenario = parseScenario(json, path, basename(path, '.json'));
  const flows = Object.fromEntries(
    Object.entries(scenario.flows).map(([key, file]) => [key, file === GENERATIVE_AGENT_MODULE ? file : resolve(dirname(path), file)]),
  );
  return { ...scenario, flows };
}

/** The pull-action wait: 0 in poll mode. */
export function pullWaitMsOf(scenario: Scenario): number {
  return scenario.pull.mode === 'longPoll' ? (scenario.pull.waitMs ?? DEFAULT_LONG_POLL_WAIT_MS) : 0;
}
