import type { FlowEdge } from '../edges';

/** How a finding names a transition: "NextAction", "condition 'speak'" or "error branch NoMatchingError". */
export function describeEdge(edge: FlowEdge): string {
  switch (edge.kind) {
    case 'next':
      return 'NextAction';
    case 'condition':
      return `condition '${edge.label}'`;
    case 'error':
      return `error branch ${edge.label}`;
  }
}
