import { actionEdges } from '../../edges';
import type { LintRule } from '../types';
import { describeEdge } from '../describe-edge';

export const transitionTargetsExist: LintRule = {
  id: 'transition-targets-exist',
  severity: 'error',
  description: 'Every NextAction (default, condition and error branches) names an action of the flow',
  check: ({ flow, actionsById }) =>
    flow.Actions.flatMap((action) =>
      actionEdges(action)
        .filter((edge) => !actionsById.has(edge.target))
        .map((edge) => ({
          actionId: action.Identifier,
          message: `${describeEdge(edge)} goes to "${edge.target}", which is not an action of this flow`,
        })),
    ),
};
