import { z } from 'zod';

/** The only flow-language version Amazon Connect accepts. */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/**
 * Compare operators the flow language documents. Each takes exactly one string operand; there is no NotEquals,
 * And or Or. Kept out of the schema on purpose: the linter reports a bad operator as its own finding.
 */
export const COMPARISON_OPERATORS = [
  'Equals',
  'TextStartsWith',
  'TextEndsWith',
  'TextContains',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

// Strict objects catch typos such as "Transition" or "Condtions", which Connect would reject at import time.
// Identifier, Type and Operator stay plain strings: the linter and the interpreter judge them with better messages.
const conditionSchema = z.strictObject({
  NextAction: z.string().min(1),
  Condition: z.strictObject({
    Operator: z.string().min(1),
    Operands: z.array(z.string()),
  }),
});

const errorBranchSchema = z.strictObject({
  NextAction: z.string().min(1),
  ErrorType: z.string().min(1),
});

const transitionsSchema = z.strictObject({
  NextAction: z.string().min(1).optional(),
  Conditions: z.array(conditionSchema).optional(),
  Errors: z.array(errorBranchSchema).optional(),
});

const actionSchema = z.strictObject({
  Identifier: z.string().min(1),
  Type: z.string().min(1),
  // Connect accepts an action without Parameters (exported flows omit them on blocks that take none).
  Parameters: z.record(z.string(), z.unknown()).default({}),
  Transitions: transitionsSchema,
});

const moduleTransitionSchema = z.strictObject({
  DisplayName: z.string().min(1),
  ReferenceName: z.string().min(1),
  Description: z.string().optional(),
});

const moduleSettingsSchema = z.strictObject({
  InputParameters: z.array(z.unknown()),
  OutputParameters: z.array(z.unknown()),
  Transitions: z.array(moduleTransitionSchema),
});

/** Zod schema of a flow or flow-module document (the `Content` of a contact flow or module). */
export const flowSchema = z.strictObject({
  Version: z.literal(FLOW_LANGUAGE_VERSION),
  StartAction: z.string().min(1),
  // UI-only data (positions, annotations); ignored at runtime, so anything goes.
  Metadata: z.record(z.string(), z.unknown()).optional(),
  Actions: z.array(actionSchema).min(1),
  Settings: moduleSettingsSchema.optional(),
});

export type Flow = z.infer<typeof flowSchema>;
export type FlowAction = z.infer<typeof actionSchema>;
export type FlowTransitions = z.infer<typeof transitionsSchema>;
export type FlowCondition = z.infer<typeof conditionSchema>;
export type FlowErrorBranch = z.infer<typeof errorBranchSchema>;
export type FlowModuleSettings = z.infer<typeof moduleSettingsSchema>;
export type FlowModuleTransition = z.infer<typeof moduleTransitionSchema>;

/** A module is the document kind that declares `Settings` (its inputs, outputs and exit transitions). */
export function isFlowModule(flow: Flow): boolean {
  return flow.Settings !== undefined;
}

/** One schema violation, located by a readable path such as `Actions[3].Transitions.Errors[0].ErrorType`. */
export interface FlowShapeIssue {
  readonly path: string;
  readonly message: string;
  /** Identifier of the action the issue lies in, when the path points inside one that has an Identifier. */
  readonly actionId?: string;
}

export class FlowParseError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly FlowShapeIssue[],
  ) {
    super(`${source}: not a valid flow:\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`);
    this.name = 'FlowParseError';
  }
}

export type FlowShapeResult = { ok: true; flow: Flow } | { ok: false; issues: FlowShapeIssue[] };

/** Validates flow JSON (text or decoded) without throwing; the linter's shape rule reports the issues. */
export function checkFlowShape(json: string | unknown): FlowShapeResult {
  let document: unknown = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch (error) {
      return { ok: false, issues: [{ path: '(document)', message: `invalid JSON: ${(error as Error).message}` }] };
    }
  }
  const result = flowSchema.safeParse(document);
  if (result.success) return { ok: true, flow: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      const actionId = identifierAt(document, issue.path);
      return {
        path: z.core.toDotPath(issue.path) || '(document)',
        message: issue.message,
        ...(actionId === undefined ? {} : { actionId }),
      };
    }),
  };
}

/**
 * Parses flow JSON (text or decoded) into a typed `Flow`, or throws `FlowParseError` listing every issue by path.
 * `source` (a file name, say) prefixes the message so the reader knows which document is wrong.
 */
export function parseFlow(json: string | unknown, source = 'flow'): Flow {
  const result = checkFlowShape(json);
  if (!result.ok) throw new FlowParseError(source, result.issues);
  return result.flow;
}

function identifierAt(document: unknown, path: readonly PropertyKey[]): string | undefined {
  const [first, index] = path;
  if (first !== 'Actions' || typeof index !== 'number' || !isRecord(document)) return undefined;
  const actions = document.Actions;
  if (!Array.isArray(actions)) return undefined;
  const action: unknown = actions[index];
  if (!isRecord(action) || typeof action.Identifier !== 'string') return undefined;
  return action.Identifier;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
