export * from './diff';
export * from './edges';
export * from './graph';
export * from './interpreter';
export { LINT_RULES, type LintFinding, type LintOptions, type LintSeverity, lintFlow } from './lint';
export * from './model';
export { findPlaceholders } from './placeholders';
export * from './render';
