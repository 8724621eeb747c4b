import { findPlaceholders, formatPlaceholder } from '../../placeholders';
import type { LintRule } from '../types';

export const unboundPlaceholders: LintRule = {
  id: 'unbound-placeholders',
  severity: 'error',
  description: 'No {{NAME}} placeholder is left (checked only with requireBound, for rendered flows)',
  check: ({ flow, options }) => {
    if (options.requireBound !== true) return [];
    const { Actions, ...document } = flow;
    return [
      ...findPlaceholders(document).map((name) => ({
        message: `placeholder ${formatPlaceholder(name)} is unbound outside the actions`,
      })),
      ...Actions.flatMap((action) =>
        findPlaceholders(action).map((name) => ({
          actionId: action.Identifier,
          message: `placeholder ${formatPlaceholder(name)} is unbound`,
        })),
      ),
    ];
  },
};
