import { COMPARISON_OPERATORS, type ComparisonOperator, type FlowAction } from '../model';
import { conditionHolds } from './conditions';
import { describeAction, FlowDefinitionError } from './failures';

/**
 * Target after an action that branches on `value`: the first condition that holds, else the NoMatchingCondition
 * error branch, else NextAction. Undefined: the flow has no transition for this case.
 */
export function branchTarget(action: FlowAction, value: string | undefined): string | undefined {
  for (const { Condition, NextAction } of action.Transitions.Conditions ?? []) {
    const [operand, ...extra] = Condition.Operands;
    if (!isOperator(Condition.Operator) || operand === undefined || extra.length > 0) {
      throw new FlowDefinitionError(
        `${describeAction(action)} has a condition Connect does not accept: ${Condition.Operator} with ` +
          `${Condition.Operands.length} operands (expected one of ${COMPARISON_OPERATORS.join(', ')} with one operand)`,
      );
    }
    if (conditionHolds(Condition.Operator, operand, value)) return NextAction;
  }
  return errorTarget(action, 'NoMatchingCondition') ?? action.Transitions.NextAction;
}

/** Target after a failure: the branch for `errorType`, else NoMatchingError; undefined when there is neither. */
export function failureTarget(action: FlowAction, errorType: string): string | undefined {
  return errorTarget(action, errorType) ?? errorTarget(action, 'NoMatchingError');
}

function errorTarget(action: FlowAction, errorType: string): string | undefined {
  return action.Transitions.Errors?.find((branch) => branch.ErrorType === errorType)?.NextAction;
}

function isOperator(operator: string): operator is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(operator);
}
