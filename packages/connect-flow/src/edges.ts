import type { FlowAction, FlowCondition } from './model';

/** One outgoing transition of an action, flattened so graph walkers need not know the Transitions layout. */
export interface FlowEdge {
  readonly target: string;
  readonly kind: 'next' | 'condition' | 'error';
  /**
   * For a condition edge the compared value (prefixed by the operator unless it is Equals), for an error edge the
   * ErrorType; absent for the default NextAction.
   */
  readonly label?: string;
}

/** Outgoing edges in the order Connect considers them: conditions, then the default NextAction, then errors. */
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
