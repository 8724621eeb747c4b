import { flowToMermaid } from '../graph';
import type { Flow } from '../model';
import type { BlockChange, FlowDiff, TransitionChange, ValueChange } from './flow-diff';

const show = (value: unknown) => `\`${JSON.stringify(value)}\``;

function valueLine({ path, before, after, boundPlaceholders }: ValueChange): string {
  if (boundPlaceholders.length > 0) return `${path}: ${boundPlaceholders.map((name) => `{{${name}}}`).join(', ')} bound to ${show(after)}`;
  if (before === undefined) return `${path}: set to ${show(after)}`;
  if (after === undefined) return `${path}: removed (was ${show(before)})`;
  return `${path}: ${show(before)} → ${show(after)}`;
}

function blockLines(change: BlockChange): string[] {
  return [
    `- changed \`${change.identifier}\` (${change.type})`,
    ...(change.typeBefore === undefined ? [] : [`  - type: ${change.typeBefore} → ${change.type}`]),
    ...change.parameters.map((value) => `  - parameter ${valueLine(value)}`),
    ...change.transitions.map(transitionLine),
  ];
}

function transitionLine({ branch, branchBefore, before, after }: TransitionChange): string {
  if (branchBefore !== undefined) return `  - ${branchBefore} → ${branch.slice(branch.indexOf(' ') + 1)} (still to \`${after}\`)`;
  if (before === undefined) return `  - ${branch}: new transition to \`${after}\``;
  if (after === undefined) return `  - ${branch}: transition to \`${before}\` removed`;
  return `  - ${branch}: rewired \`${before}\` → \`${after}\``;
}

/** The diff as Markdown bullets, for a terminal or a pull-request comment. */
export function formatFlowDiff(diff: FlowDiff): string {
  return [
    ...(diff.startAction ? [`- start: \`${diff.startAction.before}\` → \`${diff.startAction.after}\``] : []),
    ...diff.added.map((action) => `- added \`${action.Identifier}\` (${action.Type})`),
    ...diff.removed.map((action) => `- removed \`${action.Identifier}\` (${action.Type})`),
    ...diff.changed.flatMap(blockLines),
    ...diff.settings.map((value) => `- module setting ${valueLine(value)}`),
  ].join('\n');
}

/**
 * The new version's Mermaid graph with the blocks the diff touches marked: added green, changed amber, and the
 * removed blocks (from the old version, unconnected) red and dashed.
 */
export function diffToMermaid(after: Flow, diff: FlowDiff): string {
  // flowToMermaid names nodes by position (a0, a1, …).
  const nodeOf = new Map(after.Actions.map((action, index) => [action.Identifier, `a${index}`]));
  const idsOf = (identifiers: readonly string[]) => identifiers.flatMap((identifier) => nodeOf.get(identifier) ?? []);
  const removedNodes = diff.removed.map((action, index) => `  removed${index}["${`removed: ${action.Identifier}`.replaceAll('"', '#quot;')}"]`);
  const lines = [
    flowToMermaid(after).trimEnd(),
    ...removedNodes,
    '  classDef added fill:#d3f5d3,stroke:#1a7f37,stroke-width:2px',
    '  classDef changed fill:#fff1c2,stroke:#9a6700,stroke-width:2px',
    '  classDef removed fill:#ffd8d3,stroke:#cf222e,stroke-dasharray:4 3',
  ];
  const added = idsOf(diff.added.map((action) => action.Identifier));
  const changed = idsOf(diff.changed.map((change) => change.identifier));
  if (added.length > 0) lines.push(`  class ${added.join(',')} added`);
  if (changed.length > 0) lines.push(`  class ${changed.join(',')} changed`);
  if (removedNodes.length > 0) lines.push(`  class ${diff.removed.map((_, index) => `removed${index}`).join(',')} removed`);
  return `${lines.join('\n')}\n`;
}
