import { actionEdges } from '../../edges';
import { actionTypeInfo } from '../action-catalog';
import type { LintRule } from '../types';

export const loopNeedsWait: LintRule = {
  id: 'loop-needs-wait',
  severity: 'error',
  description:
    'Every loop passes through an action that takes time or counts itself (prompt, input, bot, view, Wait, Lambda call, transfer, Loop)',
  check: ({ flow }) => {
    // Keep only actions that pass control on instantly; any cycle left among them would spin without end.
    const instantActions = flow.Actions.filter((action) => actionTypeInfo(action.Type)?.pacesLoops !== true);
    const instantIds = new Set(instantActions.map((action) => action.Identifier));
    const instantGraph = new Map(
      instantActions.map((action) => [
        action.Identifier,
        actionEdges(action)
          .map((edge) => edge.target)
          .filter((target) => instantIds.has(target)),
      ]),
    );
    return stronglyConnectedComponents(instantGraph)
      .filter(([first, ...rest]) => rest.length > 0 || instantGraph.get(first as string)?.includes(first as string))
      .map((component) => {
        const ordered = flow.Actions.map((action) => action.Identifier).filter((id) => component.includes(id));
        return {
          actionId: ordered[0] as string,
          message: `loop through ${ordered.join(' → ')} never waits: add a prompt, a Wait or a Lambda call to it`,
        };
      });
  },
};

/** Tarjan's algorithm; recursive, which is safe because a flow has at most 250 actions. */
function stronglyConnectedComponents(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) as number, lowLink.get(next) as number));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) as number, index.get(next) as number));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    components.push(component);
  };

  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}
