import type { FlowAction } from '../model';
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
}

export function newFrame(moduleId?: string): FlowFrame {
  return { moduleId, flowAttributes: {}, external: undefined, loopCounters: new Map() };
}

export type CallEndReason = 'disconnected' | 'transferredToQueue' | 'transferredToPhoneNumber';

/** What an action tells the interpreter to do next. */
export type ActionOutcome =
  /** Follow NextAction. */
  | { readonly kind: 'next' }
  /** Follow the first condition `value` satisfies (undefined satisfies none), else NoMatchingCondition / NextAction. */
  | { readonly kind: 'branch'; readonly value: string | undefined }
  /** The call left the flow (hung up, queued, transferred away). */
  | { readonly kind: 'endCall'; readonly reason: CallEndReason }
  /** EndFlowModuleExecution: back to the invoking flow. */
  | { readonly kind: 'returnFromModule' };

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

  /** The value at a JSONPath, or undefined when missing. */
  value(path: string): unknown {
    return resolvePath(this.root(), path);
  }

  private root() {
    return { ...systemPaths(this.session.contact), FlowAttributes: this.frame.flowAttributes, External: this.frame.external };
  }
}

export type ActionHandler = (scope: ActionScope) => Promise<ActionOutcome>;
