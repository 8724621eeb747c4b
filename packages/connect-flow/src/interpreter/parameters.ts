import type { z } from 'zod';
import type { FlowAction } from '../model';
import { describeAction, FlowDefinitionError } from './failures';

// Actions in a loop run many times; their parameters are parsed once per action object.
const parsed = new WeakMap<FlowAction, unknown>();

/**
 * The action's Parameters, checked against the shape the interpreter needs. A mismatch is a flow Connect would not
 * have published, so it stops the run naming the action and the field.
 */
export function parseParameters<Schema extends z.ZodType>(action: FlowAction, schema: Schema): z.output<Schema> {
  if (parsed.has(action)) return parsed.get(action) as z.output<Schema>;
  const result = schema.safeParse(action.Parameters);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const field = issue.path.length === 0 ? 'Parameters' : `Parameters.${issue.path.join('.')}`;
      return `${field}: ${issue.message}`;
    });
    throw new FlowDefinitionError(`${describeAction(action)} has invalid parameters: ${problems.join('; ')}`);
  }
  parsed.set(action, result.data);
  return result.data;
}
