import type { AsappAction, CallActivity } from '@genagent-connect/action-queue';
import type { PullActionConfig } from '../config/pull-action-config';

type Limits = Pick<PullActionConfig, 'maxIdleSeconds' | 'maxConversationSeconds'>;

/** What one PullAction took from the queue, as far as the limits care. */
export interface PulledActivity {
  /** Any action was taken (processingStart/processingEnd consumed by a long-poll included): the call is not idle. */
  readonly anyAction: boolean;
  /** The action answered leaves the module anyway (a transfer or disengage): it is delivered even past the limit. */
  readonly endsModule: boolean;
}

const MODULE_ENDING_ACTIONS: ReadonlySet<AsappAction['action']> = new Set(['transferToAgent', 'transferToSystem', 'disengage']);

export function endsModule(action: AsappAction | undefined): boolean {
  return action !== undefined && MODULE_ENDING_ACTIONS.has(action.action);
}

/** A limit this pull reached: which one (the conversation metric's kind) and the message the flow stores. */
export interface CallLimit {
  readonly ending: 'idleLimit' | 'lengthLimit';
  readonly message: string;
}

/**
 * Why this pull must end the call's loop with `error` (undefined when it need not): GenerativeAgent has sent nothing
 * for maxIdleSeconds, e.g. because its pushes never reach PushAction, or the conversation has lasted
 * maxConversationSeconds. The message is what the flow stores in ASAPP_ErrorMessage.
 */
export function callLimitReached(limits: Limits, activity: CallActivity, nowMs: number, pulled: PulledActivity): CallLimit | undefined {
  const conversationMs = nowMs - activity.conversationStartedAtMs;
  if (!pulled.endsModule && conversationMs >= limits.maxConversationSeconds * 1000) {
    const message = `the conversation has lasted ${Math.floor(conversationMs / 1000)} s (maxConversationSeconds ${limits.maxConversationSeconds})`;
    return { ending: 'lengthLimit', message };
  }
  const idleMs = nowMs - activity.idleSinceMs;
  if (!pulled.anyAction && idleMs >= limits.maxIdleSeconds * 1000) {
    const message = `GenerativeAgent sent nothing for ${Math.floor(idleMs / 1000)} s (maxIdleSeconds ${limits.maxIdleSeconds})`;
    return { ending: 'idleLimit', message };
  }
  return undefined;
}
