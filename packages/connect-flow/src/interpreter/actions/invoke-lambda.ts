import { z } from 'zod';
import { ActionFailure, CallEnded, describeAction, FlowDefinitionError } from '../failures';
import { contactFlowEvent } from '../lambda-event';
import { validateLambdaResponse } from '../lambda-response';
import { parseParameters } from '../parameters';
import { type ActionHandler, NEXT } from '../scope';
import { TimeLimitExceeded } from '../session';

const parametersSchema = z.object({
  LambdaFunctionARN: z.string().min(1),
  // Static, and written as a JSON string ("3") in exported flows.
  InvocationTimeLimitSeconds: z.coerce.number().int().min(1).max(8),
  // Asynchronous calls need "Load Lambda result", which no flow of ours uses.
  InvocationType: z.literal('SYNCHRONOUS', { error: 'only SYNCHRONOUS invocation is supported' }).optional(),
  LambdaInvocationAttributes: z.record(z.string(), z.string()).optional(),
  // Flows without ResponseValidation predate it and behave as STRING_MAP.
  ResponseValidation: z.object({ ResponseType: z.enum(['STRING_MAP', 'JSON']) }).optional(),
});

/**
 * InvokeLambdaFunction: calls the injected invoker with Connect's event, waits at most InvocationTimeLimitSeconds,
 * validates the response and makes it `$.External`. Timeout, rejection or an invalid response → NoMatchingError.
 */
export const invokeLambdaFunction: ActionHandler = async (scope) => {
  const { action, session, frame } = scope;
  const parameters = parseParameters(action, parametersSchema);
  const invoke = session.options.invokeLambda;
  if (invoke === undefined) throw new FlowDefinitionError(`${describeAction(action)} needs the invokeLambda option`);
  const arn = scope.text(parameters.LambdaFunctionARN);
  const invocationParameters = Object.fromEntries(
    Object.entries(parameters.LambdaInvocationAttributes ?? {}).map(([key, value]) => [scope.text(key), scope.text(value)]),
  );
  const timeLimitMs = parameters.InvocationTimeLimitSeconds * 1000;
  const startedAt = session.elapsed();
  const report = (outcome: { response: unknown } | { error: string }) =>
    session.emit(
      {
        type: 'lambda',
        identifier: action.Identifier,
        arn,
        parameters: invocationParameters,
        durationMs: session.elapsed() - startedAt,
        ...outcome,
      },
      startedAt,
    );
  const fail: (error: string) => never = (error) => {
    report({ error });
    throw new ActionFailure('NoMatchingError', `Lambda ${arn}: ${error}`);
  };

  let response: unknown;
  try {
    const event = contactFlowEvent(session.contact, invocationParameters);
    response = await session.race(invoke(arn, event, { timeLimitMs }), timeLimitMs);
  } catch (error) {
    if (error instanceof CallEnded) throw error;
    fail(
      error instanceof TimeLimitExceeded
        ? `no response within the ${parameters.InvocationTimeLimitSeconds} s time limit`
        : `the function failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const validated = validateLambdaResponse(response, parameters.ResponseValidation?.ResponseType ?? 'STRING_MAP');
  if (!validated.ok) fail(`invalid response: ${validated.reason}`);
  frame.external = validated.external;
  report({ response: validated.external });
  return NEXT;
};
