import { z } from 'zod';
import { parseParameters } from '../parameters';
import type { ActionHandler } from '../scope';
import { wholeNumberParameter } from './whole-number';

const MAX_WAIT_SECONDS = 604_800;
const MAX_LOOP_COUNT = 100;
// "J" parameters: static numbers, or a JSONPath resolved at run time.
const numberOrPath = z.union([z.string(), z.number()]);

// Exported flows name the limit TimeLimitSeconds; older documentation TimeoutSeconds.
const waitParametersSchema = z
  .object({ TimeoutSeconds: numberOrPath.optional(), TimeLimitSeconds: numberOrPath.optional(), Events: z.array(z.string()).optional() })
  .refine((parameters) => (parameters.TimeoutSeconds ?? parameters.TimeLimitSeconds) !== undefined, 'TimeLimitSeconds is required');

/**
 * Wait: on a voice call none of its events (CustomerReturned, BotParticipantDisconnected) can happen, so it always
 * lasts TimeoutSeconds and branches WaitCompleted.
 */
export const wait: ActionHandler = async (scope) => {
  const { TimeoutSeconds, TimeLimitSeconds } = parseParameters(scope.action, waitParametersSchema);
  const seconds = wholeNumberParameter(scope, 'TimeLimitSeconds', TimeLimitSeconds ?? TimeoutSeconds ?? 0, MAX_WAIT_SECONDS);
  await scope.session.pause(scope.action.Identifier, 'wait', seconds * 1000);
  return { kind: 'branch', value: 'WaitCompleted' };
};

const loopParametersSchema = z.object({ LoopCount: numberOrPath });

/**
 * Loop: branches ContinueLooping LoopCount times, then DoneLooping once and starts over. The counter belongs to the
 * action (per flow invocation), so two Loop blocks count independently.
 */
export const loop: ActionHandler = async (scope) => {
  const { LoopCount } = parseParameters(scope.action, loopParametersSchema);
  const limit = wholeNumberParameter(scope, 'LoopCount', LoopCount, MAX_LOOP_COUNT);
  const counters = scope.frame.loopCounters;
  const done = counters.get(scope.action.Identifier) ?? 0;
  if (done < limit) {
    counters.set(scope.action.Identifier, done + 1);
    return { kind: 'branch', value: 'ContinueLooping' };
  }
  counters.delete(scope.action.Identifier);
  return { kind: 'branch', value: 'DoneLooping' };
};

const hoursParametersSchema = z.object({ HoursOfOperationId: z.string().optional() });

/** CheckHoursOfOperation: branches True or False as options.isWithinHours says (default: always open). */
export const checkHoursOfOperation: ActionHandler = async (scope) => {
  const { HoursOfOperationId } = parseParameters(scope.action, hoursParametersSchema);
  const id = HoursOfOperationId === undefined ? undefined : scope.text(HoursOfOperationId);
  const open = scope.session.options.isWithinHours?.(id) ?? true;
  return { kind: 'branch', value: open ? 'True' : 'False' };
};

/**
 * DistributeByPercentage: a random whole number from 1 to 100 its conditions compare (a chain of NumberLessThan).
 * options.answerService may fix it (`value`), so a test or scenario can pick a branch.
 */
export const distributeByPercentage: ActionHandler = async (scope) => {
  const { action, session } = scope;
  const answer = session.options.answerService?.({ identifier: action.Identifier, actionType: action.Type, parameters: action.Parameters });
  return { kind: 'branch', value: answer?.value ?? String(1 + Math.floor(Math.random() * 100)) };
};
