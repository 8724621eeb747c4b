import { type FlowAction, isFlowModule } from '../model';
import { compareConditions } from './rules/compare-conditions';
import { errorBranches } from './rules/error-branches';
import { flowKindActions } from './rules/flow-kind-actions';
import { flowTypeActions } from './rules/flow-type-actions';
import { identifierFormat } from './rules/identifier-format';
import { knownActionType } from './rules/known-action-type';
import { lambdaTimeLimit } from './rules/lambda-time-limit';
import { loopNeedsWait } from './rules/loop-needs-wait';
import { moduleReturn } from './rules/module-return';
import { nextActionRequired } from './rules/next-action-required';
import { parameterValues } from './rules/parameter-values';
import { requiredErrorBranches } from './rules/required-error-branches';
import { startActionExists } from './rules/start-action-exists';
import { transitionTargetsExist } from './rules/transition-targets-exist';
import { unboundPlaceholders } from './rules/unbound-placeholders';
import { uniqueIdentifiers } from './rules/unique-identifiers';
import { unreachableActions } from './rules/unreachable-actions';
import { checkShape, VALID_SHAPE_RULE } from './rules/valid-shape';
import type { LintContext, LintFinding, LintOptions, LintRule } from './types';

export type { LintFinding, LintOptions, LintSeverity } from './types';

/** Rules that run once the document has the flow shape, in reporting order. */
const FLOW_RULES: readonly LintRule[] = [
  identifierFormat,
  uniqueIdentifiers,
  startActionExists,
  transitionTargetsExist,
  nextActionRequired,
  unreachableActions,
  errorBranches,
  requiredErrorBranches,
  compareConditions,
  lambdaTimeLimit,
  parameterValues,
  loopNeedsWait,
  moduleReturn,
  flowKindActions,
  flowTypeActions,
  knownActionType,
  unboundPlaceholders,
];

/** Every rule the linter applies, for documentation and `--help`. */
export const LINT_RULES: readonly Pick<LintRule, 'id' | 'severity' | 'description'>[] = [VALID_SHAPE_RULE, ...FLOW_RULES];

/** Lints flow or module JSON (text or decoded). A document of the wrong shape gets only valid-shape findings. */
export function lintFlow(json: string | unknown, options: LintOptions = {}): LintFinding[] {
  const shape = checkShape(json);
  if ('findings' in shape) return shape.findings;
  const { flow } = shape;
  const actionsById = new Map<string, FlowAction>();
  for (const action of flow.Actions) if (!actionsById.has(action.Identifier)) actionsById.set(action.Identifier, action);
  const context: LintContext = { flow, isModule: isFlowModule(flow), actionsById, options };
  return FLOW_RULES.flatMap((rule) =>
    rule.check(context).map(({ severity, ...violation }) => ({ rule: rule.id, severity: severity ?? rule.severity, ...violation })),
  );
}
