import type { FlowAction } from '../model';

/**
 * An action failed the way Connect reports failures at run time (Lambda timeout, call failed, …): the flow follows
 * the error branch for `errorType`, else NoMatchingError.
 */
export class ActionFailure extends Error {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}

/**
 * The run cannot go on: the flow uses something the interpreter does not support, is malformed where Connect would
 * have rejected it at publish time, or the sandbox lacks a dependency the flow needs. Always stops the whole run.
 */
export class FlowDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowDefinitionError';
  }
}

/** An action failure no error branch took: ends the flow (a module's failure becomes its caller's Error). */
export class UnhandledActionFailure extends Error {
  constructor(action: FlowAction, failure: ActionFailure) {
    super(
      `action '${action.Identifier}' (${action.Type}) failed with ${failure.errorType} and has no error branch for it: ${failure.message}`,
    );
    this.name = 'UnhandledActionFailure';
  }
}

/** The call ended from outside the flow: the caller hung up, or the run reached its safety cap. */
export class CallEnded extends Error {
  constructor(
    readonly reason: 'callerHungUp' | 'limitExceeded',
    message: string,
  ) {
    super(message);
    this.name = 'CallEnded';
  }
}

/** Names the action in a definition error, so the reader can find it in the flow. */
export function describeAction(action: FlowAction): string {
  return `action '${action.Identifier}' (${action.Type})`;
}
