import { actionEdges, type FlowEdge } from './edges';
import { z } from 'zod';
import { FLOW_LANGUAGE_VERSION, type Flow, type FlowAction } from './model';

/**
 * Mermaid `flowchart TD` of a flow: one node per action (Identifier and Type), Compare as a decision, actions without
 * transitions as end points, a start marker; edges labelled with the compared value or the ErrorType, error-only edges dashed.
 */
export function flowToMermaid(flow: Flow): string {
  // Identifiers may hold spaces and punctuation, so nodes get positional ids and the Identifier goes in the label.
  const nodeIds = new Map(flow.Actions.map((action, index) => [action.Identifier, `a${index}`]));
  const nodes = flow.Actions.map((action) => `  ${nodeIds.get(action.Identifier)}${nodeShape(action)}`);
  // A transition to an action that does not exist still shows, ending in a node that says so.
  const nodeIdOf = (target: string): string => {
    const known = nodeIds.get(target);
    if (known !== undefined) return known;
    const id = `missing${nodeIds.size}`;
    nodeIds.set(target, id);
    nodes.push(`  ${id}["${escapeLabel(`missing: ${target}`)}"]`);
    return id;
  };
  const edges = [`  start((Start)) --> ${nodeIdOf(flow.StartAction)}`];
  for (const action of flow.Actions) {
    for (const [target, group] of groupByTarget(actionEdges(action))) {
      edges.push(`  ${nodeIdOf(action.Identifier)} ${edgeArrow(group)} ${nodeIdOf(target)}`);
    }
  }
  return ['flowchart TD', ...nodes, ...edges, ''].join('\n');
}

function nodeShape(action: FlowAction): string {
  const label = `"${escapeLabel(action.Identifier)}<br/><small>${escapeLabel(action.Type)}</small>"`;
  if (action.Type === 'Compare') return `{${label}}`;
  if (Object.keys(action.Transitions).length === 0) return `([${label}])`;
  return `[${label}]`;
}

/** One arrow per target, so an action whose default and error branches meet does not draw parallel lines. */
function groupByTarget(edges: readonly FlowEdge[]): Map<string, FlowEdge[]> {
  const groups = new Map<string, FlowEdge[]>();
  for (const edge of edges) groups.set(edge.target, [...(groups.get(edge.target) ?? []), edge]);
  return groups;
}

function edgeArrow(edges: readonly FlowEdge[]): string {
  const arrow = edges.every((edge) => edge.kind === 'error') ? '-.->' : '-->';
  if (edges.length === 1 && edges[0]?.label === undefined) return arrow;
  // Merged with other branches, the default NextAction needs a name too, or the arrow would read as error-only.
  const labels = edges.map((edge) => edge.label ?? 'next');
  return `${arrow}|"${escapeLabel(labels.join(' / '))}"|`;
}

// Mermaid entity codes keep quotes and markup in identifiers or values from breaking the diagram syntax.
function escapeLabel(text: string): string {
  return text.replaceAll('"', '#quot;').replaceAll('<', '#lt;').replaceAll('>', '#gt;');
}

const looseCondition = z.looseObject({
  NextAction: z.string().min(1),
  Condition: z.looseObject({ Operator: z.string(), Operands: z.array(z.unknown()) }),
});
const looseTransitions = z.looseObject({
  NextAction: z.string().min(1).optional(),
  Conditions: z.array(looseCondition).optional(),
  Errors: z.array(z.looseObject({ NextAction: z.string().min(1), ErrorType: z.string() })).optional(),
});
// Only what a diagram needs: identifiers, types and transitions; any parameter, version or extra field passes.
const graphableSchema = z.looseObject({
  StartAction: z.string().min(1),
  Actions: z.array(z.looseObject({ Identifier: z.string().min(1), Type: z.string(), Transitions: looseTransitions.optional() })),
});

/**
 * A flow to draw even when the strict schema rejects it (a parameter it does not know, a wrong Version): its
 * identifiers, types and transitions. Undefined when the document has not even those.
 */
export function graphableFlow(json: string | unknown): Flow | undefined {
  let document: unknown = json;
  if (typeof json === 'string') {
    try {
      document = JSON.parse(json);
    } catch {
      return undefined;
    }
  }
  const result = graphableSchema.safeParse(document);
  if (!result.success) return undefined;
  const { StartAction, Actions } = result.data;
  return {
    Version: FLOW_LANGUAGE_VERSION,
    StartAction,
    Actions: Actions.map(({ Identifier, Type, Transitions = {} }) => ({
      Identifier,
      Type,
      Parameters: {},
      Transitions: {
        ...(Transitions.NextAction === undefined ? {} : { NextAction: Transitions.NextAction }),
        ...(Transitions.Conditions === undefined
          ? {}
          : {
              Conditions: Transitions.Conditions.map(({ NextAction, Condition }) => ({
                NextAction,
                Condition: { Operator: Condition.Operator, Operands: Condition.Operands.map(String) },
              })),
            }),
        ...(Transitions.Errors === undefined
          ? {}
          : { Errors: Transitions.Errors.map(({ NextAction, ErrorType }) => ({ NextAction, ErrorType })) }),
      },
    })),
  };
}
