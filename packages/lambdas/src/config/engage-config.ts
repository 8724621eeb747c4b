import * as z from 'zod';
import { type Environment, jsonVariable, readEnvironment } from './environment';

/** engage's per-environment behaviour. */
export interface EngageConfig {
  /**
   * `{contactAttributeName: inputVariableName}`; only mapped attributes are sent, and the target `taskName` selects the
   * task to enter. Default `{}`.
   */
  readonly attributesToInputVariables: Readonly<Record<string, string>>;
}

const attributesToInputVariablesSchema = z.record(z.string().min(1), z.string().min(1));

export function parseEngageConfig(environment: Environment): EngageConfig {
  const values = readEnvironment(environment, {
    ATTRIBUTES_TO_INPUT_VARIABLES: {
      schema: jsonVariable(attributesToInputVariablesSchema).optional(),
      fix: 'set it to a JSON object {"contactAttributeName": "inputVariableName"} (target "taskName" selects the task), or leave it unset',
    },
  });
  return { attributesToInputVariables: values.ATTRIBUTES_TO_INPUT_VARIABLES ?? {} };
}
