import { actionEdges, type FlowEdge } from '../edges';
import type { Flow, FlowAction } from '../model';
import { findPlaceholders } from '../placeholders';

/** One leaf value that differs between two versions of a block's parameters (or a module's settings). */
export interface ValueChange {
  /** Dotted path inside Parameters, e.g. `LambdaFunctionARN`, `FlowAttributes.ASAPP_Started_Media.Value`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Placeholders (`{{NAME}}`) the old value held and the new one no longer does: bound to a value. */
  readonly boundPlaceholders: readonly string[];
}

/** A transition whose target moved, appeared or went away; keyed by the branch (next, a condition, an ErrorType). */
export interface TransitionChange {
  /** `next`, `condition <label>` or `error <ErrorType>`. */
  readonly branch: string;
  /** A branch relabelled (a condition's value changed) that still leads where it did: its old name. */
  readonly branchBefore?: string;
  readonly before?: string;
  readonly after?: string;
}

export interface BlockChange {
  readonly identifier: string;
  readonly type: string;
  readonly typeBefore?: string;
  readonly parameters: readonly ValueChange[];
  readonly transitions: readonly TransitionChange[];
}

export interface FlowDiff {
  readonly startAction?: { readonly before: string; readonly after: string };
  readonly added: readonly FlowAction[];
  readonly removed: readonly FlowAction[];
  readonly changed: readonly BlockChange[];
  /** A module's Settings (input and output parameters, module transitions). */
  readonly settings: readonly ValueChange[];
}

/**
 * What changed between two versions of a flow or module, block by block (blocks match by Identifier): blocks added and
 * removed, and for the others their parameters, transitions and placeholders. Layout metadata is ignored: it moves
 * boxes on Connect's canvas and changes nothing a caller hears.
 */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const beforeById = new Map(before.Actions.map((action) => [action.Identifier, action]));
  const afterById = new Map(after.Actions.map((action) => [action.Identifier, action]));
  const changed = after.Actions.flatMap((action) => {
    const old = beforeById.get(action.Identifier);
    if (old === undefined) return [];
    const change: BlockChange = {
      identifier: action.Identifier,
      type: action.Type,
      ...(old.Type === action.Type ? {} : { typeBefore: old.Type }),
      parameters: valueChanges(old.Parameters, action.Parameters),
      transitions: transitionChanges(old, action),
    };
    return change.typeBefore === undefined && change.parameters.length === 0 && change.transitions.length === 0 ? [] : [change];
  });
  return {
    ...(before.StartAction === after.StartAction ? {} : { startAction: { before: before.StartAction, after: after.StartAction } }),
    added: after.Actions.filter((action) => !beforeById.has(action.Identifier)),
    removed: before.Actions.filter((action) => !afterById.has(action.Identifier)),
    changed,
    settings: valueChanges(before.Settings ?? {}, after.Settings ?? {}),
  };
}

export function isEmptyDiff(diff: FlowDiff): boolean {
  return (
    diff.startAction === undefined && diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && diff.settings.length === 0
  );
}

function branchOf(edge: FlowEdge): string {
  return edge.kind === 'next' ? 'next' : `${edge.kind} ${edge.label}`;
}

function transitionChanges(before: FlowAction, after: FlowAction): TransitionChange[] {
  const targets = (action: FlowAction) => new Map(actionEdges(action).map((edge) => [branchOf(edge), edge.target]));
  const old = targets(before);
  const now = targets(after);
  const branches = [...new Set([...old.keys(), ...now.keys()])];
  const changes: TransitionChange[] = branches.flatMap((branch) => {
    const was = old.get(branch);
    const is = now.get(branch);
    if (was === is) return [];
    return [{ branch, ...(was === undefined ? {} : { before: was }), ...(is === undefined ? {} : { after: is }) }];
  });
  return pairRelabelled(changes);
}

/** A condition gone and a new one of the same kind to the same block read better as one relabelled branch. */
function pairRelabelled(changes: readonly TransitionChange[]): TransitionChange[] {
  const kindOf = (branch: string) => branch.split(' ')[0];
  const paired = new Set<TransitionChange>();
  const result: TransitionChange[] = [];
  for (const change of changes) {
    if (paired.has(change)) continue;
    if (change.after === undefined) {
      const partner = changes.find(
        (other) => !paired.has(other) && other.before === undefined && other.after === change.before && kindOf(other.branch) === kindOf(change.branch),
      );
      if (partner) {
        paired.add(partner);
        result.push({ branch: partner.branch, branchBefore: change.branch, before: change.before as string, after: partner.after as string });
        continue;
      }
    }
    result.push(change);
  }
  return result;
}

/** Leaf-by-leaf differences of two JSON values; arrays compare by position. */
function valueChanges(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) =>
      valueChanges((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], path === '' ? key : `${path}.${key}`),
    );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const placeholdersAfter = new Set(after === undefined ? [] : findPlaceholders(JSON.stringify(after)));
  const boundPlaceholders =
    before === undefined || after === undefined ? [] : findPlaceholders(JSON.stringify(before)).filter((name) => !placeholdersAfter.has(name));
  return [{ path, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }), boundPlaceholders }];
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
