import type { LintRule } from '../types';

export const uniqueIdentifiers: LintRule = {
  id: 'unique-identifiers',
  severity: 'error',
  description: 'Every action Identifier is unique in the flow',
  check: ({ flow }) => {
    const seen = new Set<string>();
    return flow.Actions.flatMap(({ Identifier: id }) => {
      if (!seen.has(id)) {
        seen.add(id);
        return [];
      }
      return [{ actionId: id, message: `Identifier "${id}" is used by more than one action` }];
    });
  },
};
