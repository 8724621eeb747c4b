import type { FlowAction, FlowCondition } from './model';

/**
 * One outgoing transition of an action, flattened so graph walkers need not know the Transitions layout. A condition
 * edge is labelled with the compared value (prefixed by the operator unless it is Equals), an error edge with its
 * ErrorType; the default NextAction has no label.
 */
export type FlowEdge =
  | { readonly target: string; readonly kind: 'next'; readonly label?: undefined }
  | { readonly target: string; readonly kind: 'condition' | 'error'; readonly label: string };

/** Outgoing edges: conditions in their order, then the default NextAction, then the error branches. */
export function actionEdges(action: FlowAction): FlowEdge[] {
  const { Conditions = [], NextAction, Errors = [] } = action.Transitions;
  return [
    ...Conditions.map((condition): FlowEdge => ({
      target: condition.NextAction,
      kind: 'condition',
      label: conditionLabel(condition),
    })),
    ...(NextAction === undefined ? [] : [{ target: NextAction, kind: 'next' } as const]),
    ...Errors.map((error): FlowEdge => ({ target: error.NextAction, kind: 'error', label: error.ErrorType })),
  ];
}

function conditionLabel({ Condition: { Operator, Operands } }: FlowCondition): string {
  const value = Operands.join(', ');
  return Operator === 'Equals' ? value : `${Operator} ${value}`;
}
