import { z } from 'zod';
import { ActionFailure, CallEnded } from '../failures';
import { contactFlowEvent } from '../lambda-event';
import { validateLambdaResponse } from '../lambda-response';
import { parseParameters } from '../parameters';
import { type LambdaInvoker, NO_LAMBDA_HANDLER } from '../options';
import { type ActionHandler, NEXT } from '../scope';
import { TimeLimitExceeded } from '../session';

const parametersSchema = z.object({
  LambdaFunctionARN: z.string().min(1),
  // Static, and written as a JSON string ("3") in exported flows.
  InvocationTimeLimitSeconds: z.coerce.number().int().min(1).max(60),
  InvocationType: z.enum(['SYNCHRONOUS', 'ASYNCHRONOUS']).optional(),
  LambdaInvocationAttributes: z.record(z.string(), z.string()).optional(),
  // Flows without ResponseValidation predate it and behave as STRING_MAP.
  ResponseValidation: z.object({ ResponseType: z.enum(['STRING_MAP', 'JSON']) }).optional(),
}).refine((parameters) => parameters.InvocationType === 'ASYNCHRONOUS' || parameters.InvocationTimeLimitSeconds <= 8, {
  error: 'must be at most 8 for a SYNCHRONOUS invocation',
  path: ['InvocationTimeLimitSeconds'],
});

/**
 * InvokeLambdaFunction: calls the injected invoker with Connect's event, waits at most InvocationTimeLimitSeconds,
 * validates the response and makes it `$.External`. Timeout, rejection or an invalid response → NoMatchingError.
 */
export const invokeLambdaFunction: ActionHandler = async (scope) => {
  const { action, session, frame } = scope;
  const parameters = parseParameters(action, parametersSchema);
  const arn = scope.reference('LambdaFunctionARN', parameters.LambdaFunctionARN);
  const invoke = session.options.invokeLambda ?? unbound;
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

  if (parameters.InvocationType === 'ASYNCHRONOUS') {
    // Connect does not wait; the flow reads the result later with "Load Lambda result", which the sandbox lacks.
    const event = contactFlowEvent(session.contact, invocationParameters);
    invoke(arn, event, { timeLimitMs, identifier: action.Identifier }).catch(() => undefined);
    session.emit({ type: 'warning', identifier: action.Identifier, message: `Lambda ${arn} invoked asynchronously: its result is not simulated` });
    report({ response: {} });
    return NEXT;
  }
  let response: unknown;
  try {
    const event = contactFlowEvent(session.contact, invocationParameters);
    response = await session.race(invoke(arn, event, { timeLimitMs, identifier: action.Identifier }), timeLimitMs);
    if (response === NO_LAMBDA_HANDLER) {
      session.emit({
        type: 'warning',
        identifier: action.Identifier,
        message: `no Lambda handler for ${arn}: answering {} (bind one, or give the scenario a response for it)`,
      });
      response = {};
    }
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

// Without an invoker every function is unbound: the flow goes on with the neutral answer.
const unbound: LambdaInvoker = async () => NO_LAMBDA_HANDLER;
