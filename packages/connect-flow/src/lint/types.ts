import type { Flow, FlowAction } from '../model';

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  readonly rule: string;
  readonly severity: LintSeverity;
  /** Identifier of the action at fault; absent for document-level findings. */
  readonly actionId?: string;
  readonly message: string;
}

export interface LintOptions {
  /** Report `{{NAME}}` placeholders (for rendered flows, about to be deployed). Default false: templates have them. */
  readonly requireBound?: boolean;
}

/** What a rule sees: a flow that already passed the shape check, plus lookups every rule would otherwise rebuild. */
export interface LintContext {
  readonly flow: Flow;
  readonly isModule: boolean;
  /** First action per Identifier (duplicates are the unique-identifiers rule's business). */
  readonly actionsById: ReadonlyMap<string, FlowAction>;
  readonly options: LintOptions;
}

/** A rule's finding before the runner stamps it with the rule's id and severity. */
export interface RuleViolation {
  readonly actionId?: string;
  /** Overrides the rule's severity for this finding (a rule whose strictness depends on the options). */
  readonly severity?: LintSeverity;
  readonly message: string;
}

export interface LintRule {
  readonly id: string;
  readonly severity: LintSeverity;
  readonly description: string;
  check(context: LintContext): RuleViolation[];
}
