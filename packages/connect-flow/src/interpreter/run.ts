import type { Flow, FlowAction } from '../model';
import { actionHandler } from './actions';
import type { FlowEvent } from './events';
import { ActionFailure, CallEnded, describeAction, FlowDefinitionError, UnhandledActionFailure } from './failures';
import type { RunFlowOptions } from './options';
import { type ActionHandler, ActionScope, type ActionOutcome, type CallEndReason, type FlowFrame, NEXT, newFrame } from './scope';
import { CallSession } from './session';
import { branchTarget, failureTarget } from './transitions';

/**
 * How the run ended. Call ends: `disconnected` (DisconnectParticipant), `flowEnded` (an action had no transition
 * to follow; Connect hangs up), `transferredToQueue`, `transferredToAgent`, `transferredToPhoneNumber` (without
 * resume), `transferredToFlow` (to a flow the interpreter was not given), `flowExecutionEnded` (EndFlowExecution),
 * `callerHungUp` (options.hangUpAtMs). `moduleReturned`: a module run on its own reached Return. `error`: a
 * malformed action or a failure without error branch. `limitExceeded`: a safety cap.
 */
export type EndReason = CallEndReason | 'flowEnded' | 'moduleReturned' | 'callerHungUp' | 'error' | 'limitExceeded';

export interface FlowRunResult {
  readonly endReason: EndReason;
  /** Why the run stopped, for `error` and `limitExceeded`. */
  readonly error?: string;
  /** Contact attributes at the end of the call. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly events: readonly FlowEvent[];
  /** Call time from the start to the end of the run, in ms. */
  readonly durationMs: number;
}

/** Where execution of one flow (or module) document stopped. */
type FlowExit =
  | { readonly kind: 'endCall'; readonly reason: CallEndReason }
  | { readonly kind: 'returned' }
  | { readonly kind: 'noTransition'; readonly action: FlowAction };

/**
 * Runs a flow (or a flow module on its own) as Amazon Connect would for one inbound voice call, until the call ends.
 * Never rejects for anything the flow does: every ending is described by the result.
 */
export async function runFlow(flow: Flow, options: RunFlowOptions = {}): Promise<FlowRunResult> {
  const session = new CallSession(options);
  const ending = await runToEnd(flow, session);
  return { ...ending, attributes: { ...session.contact.attributes }, events: session.events, durationMs: session.elapsed() };
}

async function runToEnd(flow: Flow, session: CallSession): Promise<{ endReason: EndReason; error?: string }> {
  try {
    const exit = await executeFlow(flow, newFrame(), session);
    if (exit.kind === 'endCall') return { endReason: exit.reason };
    if (exit.kind === 'returned') return { endReason: 'moduleReturned' };
    session.emit({ type: 'disconnect', by: 'flow', identifier: exit.action.Identifier });
    return { endReason: 'flowEnded' };
  } catch (error) {
    if (error instanceof CallEnded && error.reason === 'callerHungUp') {
      session.emit({ type: 'disconnect', by: 'caller' });
      return { endReason: 'callerHungUp' };
    }
    if (error instanceof CallEnded || error instanceof FlowDefinitionError) {
      session.emit({ type: 'error', message: error.message, handled: false });
      return { endReason: error instanceof CallEnded ? 'limitExceeded' : 'error', error: error.message };
    }
    // The failing action already reported its error event.
    if (error instanceof UnhandledActionFailure) return { endReason: 'error', error: error.message };
    throw error;
  }
}

async function executeFlow(startFlow: Flow, startFrame: FlowFrame, session: CallSession): Promise<FlowExit> {
  let flow = startFlow;
  let frame = startFrame;
  let actions = actionsOf(flow);
  const find = (identifier: string, from: string): FlowAction => {
    const action = actions.get(identifier);
    if (action === undefined) throw new FlowDefinitionError(`${from} names '${identifier}', which is not an action of the flow`);
    return action;
  };
  let action = find(flow.StartAction, 'StartAction');
  for (;;) {
    session.enterAction(action);
    session.emit({ type: 'actionEnter', identifier: action.Identifier, actionType: action.Type });
    const next = await runAction(action, frame, session);
    if (typeof next === 'string') {
      action = find(next, `a transition of ${describeAction(action)}`);
    } else if (next.kind === 'transferToFlow') {
      // The contact carries over (attributes, queue, streams); flow attributes, $.External and loop counters do not.
      flow = next.flow;
      frame = newFrame(frame.moduleId);
      actions = actionsOf(flow);
      action = find(flow.StartAction, `StartAction of flow '${next.flowId}'`);
    } else {
      return next;
    }
  }
}

function actionsOf(flow: Flow): Map<string, FlowAction> {
  return new Map(flow.Actions.map((action) => [action.Identifier, action]));
}

/**
 * Runs one action; returns the Identifier of the next action, the flow to transfer to, or how the flow exits. A type
 * the interpreter has no handler for passes through to its NextAction with a warning: a new type never stops a run.
 */
async function runAction(
  action: FlowAction,
  frame: FlowFrame,
  session: CallSession,
): Promise<string | FlowExit | { kind: 'transferToFlow'; flow: Flow; flowId: string }> {
  const handler = actionHandler(action.Type) ?? passThroughUnknown;
  let outcome: ActionOutcome;
  try {
    outcome = await handler(new ActionScope(action, session, frame, (moduleId) => invokeModule(moduleId, action, session)));
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error;
    const target = failureTarget(action, error.errorType);
    session.emit({
      type: 'error',
      identifier: action.Identifier,
      errorType: error.errorType,
      message: error.message,
      handled: target !== undefined,
    });
    if (target === undefined) throw new UnhandledActionFailure(action, error);
    return target;
  }
  switch (outcome.kind) {
    case 'next':
      return action.Transitions.NextAction ?? { kind: 'noTransition', action };
    case 'branch':
      return branchTarget(action, outcome.value) ?? { kind: 'noTransition', action };
    case 'endCall':
      return outcome;
    case 'returnFromModule':
      return { kind: 'returned' };
    case 'transferToFlow':
      return outcome;
  }
}

const passThroughUnknown: ActionHandler = async (scope) => {
  scope.session.emit({
    type: 'warning',
    identifier: scope.action.Identifier,
    message: `action type '${scope.action.Type}' is not in the flow-language reference the interpreter knows: passed through to its NextAction without simulating it`,
  });
  return NEXT;
};

/**
 * Runs a module for an InvokeFlowModule action: Return → NEXT (Success); an unhandled failure, or an end without
 * Return, → ActionFailure (the caller's Error branch). Hang-up, transfers and definition errors end the whole call.
 */
async function invokeModule(moduleId: string, caller: FlowAction, session: CallSession): Promise<ActionOutcome> {
  const module = findModule(session.options.modules ?? {}, moduleId);
  if (module === undefined) {
    const known = Object.keys(session.options.modules ?? {});
    session.emit({
      type: 'warning',
      identifier: caller.Identifier,
      message: `module '${moduleId}' was not given to the interpreter (${known.length === 0 ? 'none given' : `given: ${known.join(', ')}`}): skipped, as if it returned`,
    });
    return NEXT;
  }
  const identifier = caller.Identifier;
  session.emit({ type: 'moduleEnter', identifier, moduleId });
  let failure: string;
  try {
    const exit = await executeFlow(module, newFrame(moduleId), session);
    if (exit.kind === 'endCall') return exit;
    if (exit.kind === 'returned') {
      session.emit({ type: 'moduleReturn', identifier, moduleId, outcome: 'success' });
      return NEXT;
    }
    failure = `it stopped at ${describeAction(exit.action)}, which has no transition to follow, without a Return`;
  } catch (error) {
    if (!(error instanceof UnhandledActionFailure)) throw error;
    failure = error.message;
  }
  session.emit({ type: 'moduleReturn', identifier, moduleId, outcome: 'error', error: failure });
  throw new ActionFailure('NoMatchingError', `module '${moduleId}' failed: ${failure}`);
}

// Flows may name a module by id or by ARN (…/flow-module/<id>), and the sandbox may key its map either way.
function findModule(modules: Readonly<Record<string, Flow>>, moduleId: string): Flow | undefined {
  const exact = Object.hasOwn(modules, moduleId) ? modules[moduleId] : undefined;
  if (exact !== undefined) return exact;
  const id = trailingId(moduleId);
  return Object.entries(modules).find(([key]) => trailingId(key) === id)?.[1];
}

function trailingId(idOrArn: string): string {
  return idOrArn.slice(idOrArn.lastIndexOf('/') + 1);
}
