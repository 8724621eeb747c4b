import type { Flow, FlowAction } from '../model';
import { ActionFailure } from './failures';
import { systemPaths } from './contact';
import { interpolate, resolvePath } from './jsonpath';
import type { CallSession } from './session';

/** Flow-local state: each flow and each module invocation has its own. */
export interface FlowFrame {
  /** Set while an invoked module runs, since a module cannot invoke another module. */
  readonly moduleId: string | undefined;
  /** `$.FlowAttributes`. */
  readonly flowAttributes: Record<string, string>;
  /** `$.External`: the latest Lambda result in this flow. */
  external: unknown;
  /** Loop counters by Loop action Identifier. */
  readonly loopCounters: Map<string, number>;
  /** `$.Lex`: what the latest Lex bot interaction resolved (IntentName, Slots, …). */
  lex: Record<string, unknown> | undefined;
}

export function newFrame(moduleId?: string): FlowFrame {
  return { moduleId, flowAttributes: {}, external: undefined, loopCounters: new Map(), lex: undefined };
}

/**
 * How the contact left the flows: hung up, queued, with an agent, transferred to a number, or ended by a flow that
 * runs beside the call (a whisper, hold or queue flow's EndFlowExecution; a TransferToFlow to a flow not given).
 */
export type CallEndReason =
  | 'disconnected'
  | 'transferredToQueue'
  | 'transferredToAgent'
  | 'transferredToPhoneNumber'
  | 'transferredToFlow'
  | 'flowExecutionEnded';

/** What an action tells the interpreter to do next. */
export type ActionOutcome =
  /** Follow NextAction. */
  | { readonly kind: 'next' }
  /** Follow the first condition `value` satisfies (undefined satisfies none), else NoMatchingCondition / NextAction. */
  | { readonly kind: 'branch'; readonly value: string | undefined }
  /** The call left the flow (hung up, queued, transferred away). */
  | { readonly kind: 'endCall'; readonly reason: CallEndReason }
  /** EndFlowModuleExecution: back to the invoking flow. */
  | { readonly kind: 'returnFromModule' }
  /** TransferToFlow: this flow ends and `flow` starts from its beginning, with the same contact. */
  | { readonly kind: 'transferToFlow'; readonly flow: Flow; readonly flowId: string };

export const NEXT: ActionOutcome = { kind: 'next' };

/** Everything an action handler may use. */
export class ActionScope {
  constructor(
    readonly action: FlowAction,
    readonly session: CallSession,
    readonly frame: FlowFrame,
    /** Runs a module as this action's callee (provided by the interpreter loop, which owns flow execution). */
    readonly invokeModule: (moduleId: string) => Promise<ActionOutcome>,
  ) {}

  /** A dynamic parameter with its embedded paths replaced by their current values. */
  text(template: string): string {
    return interpolate(template, this.root());
  }

  /**
   * A parameter naming a resource (a Lambda ARN, a flow, module, queue, prompt or bot id, a phone number): the text
   * it resolves to, or an action failure saying which attribute was empty when a dynamic one resolves to nothing.
   */
  reference(name: string, template: string): string {
    const resolved = this.text(template).trim();
    if (resolved !== '') return resolved;
    const paths = [...template.matchAll(/\$\.[^\s"']+/g)].map((match) => match[0]);
    throw new ActionFailure(
      'NoMatchingError',
      paths.length === 0
        ? `${name} is empty`
        : `${name} '${template}' resolved to an empty value: ${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} empty or unset`,
    );
  }

  /** The value at a JSONPath, or undefined when missing. */
  value(path: string): unknown {
    return resolvePath(this.root(), path);
  }

  private root() {
    return {
      ...systemPaths(this.session.contact),
      FlowAttributes: this.frame.flowAttributes,
      External: this.frame.external,
      Lex: this.frame.lex,
    };
  }
}

export type ActionHandler = (scope: ActionScope) => Promise<ActionOutcome>;
