import type { LintRule } from '../types';

const MAX_LENGTH = 50;
const FORBIDDEN_CHARACTERS = /[%:()\\/=$,;[\]{}]/;
// Connect rejects these because they collide with JavaScript object internals.
const RESERVED_NAMES = new Set([
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
]);

export const identifierFormat: LintRule = {
  id: 'identifier-format',
  severity: 'error',
  description: `Identifiers are at most ${MAX_LENGTH} characters, avoid % : ( \\ / ) = $ , ; [ ] { } and reserved names`,
  check: ({ flow }) =>
    flow.Actions.flatMap(({ Identifier: id }) => {
      if (id.length > MAX_LENGTH) {
        return [{ actionId: id, message: `Identifier is ${id.length} characters long; the limit is ${MAX_LENGTH}` }];
      }
      const forbidden = FORBIDDEN_CHARACTERS.exec(id);
      if (forbidden !== null) {
        return [{ actionId: id, message: `Identifier contains "${forbidden[0]}", which Connect does not allow` }];
      }
      if (RESERVED_NAMES.has(id)) return [{ actionId: id, message: `Identifier "${id}" is a reserved name` }];
      return [];
    }),
};
