import type { FlowAction } from '../model';
import { type Clock, realClock } from './clock';
import { type ContactState, createContact } from './contact';
import type { FlowEvent, UntimedFlowEvent } from './events';
import { CallEnded, describeAction } from './failures';
import { type CallerInput, DEFAULT_MAX_CALL_DURATION_MS, DEFAULT_MAX_STEPS, type RunFlowOptions } from './options';

/** The work given to CallSession.race did not settle within its time limit. */
export class TimeLimitExceeded extends Error {
  constructor(readonly limitMs: number) {
    super(`no result within ${limitMs} ms`);
    this.name = 'TimeLimitExceeded';
  }
}

const TIMER_FIRED = Symbol('timer fired');

/**
 * One call: the contact, call time, the event log and the limits that end the call from outside the flow (the
 * caller's hang-up, the safety caps). Shared by the flow and the modules it invokes.
 */
export class CallSession {
  readonly contact: ContactState;
  readonly events: FlowEvent[] = [];
  private readonly clock: Clock;
  private readonly origin: number;
  private readonly maxSteps: number;
  private steps = 0;
  private readonly pendingInput: CallerInput[];

  constructor(readonly options: RunFlowOptions) {
    this.clock = options.clock ?? realClock();
    this.origin = this.clock.now();
    this.contact = createContact(options.contact);
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.pendingInput = [...(options.callerInput ?? [])];
  }

  /**
   * Listens for the caller's next input for at most `timeoutMs`: the next pending input, once its `atMs` has come.
   * Undefined when the caller stays silent that long (the input, if any, stays for a later block).
   */
  async awaitCallerInput(identifier: string, timeoutMs: number): Promise<CallerInput | undefined> {
    const next = this.pendingInput[0];
    const waitMs = Math.max(0, (next?.atMs ?? 0) - this.elapsed());
    if (next === undefined || waitMs > timeoutMs) {
      await this.pause(identifier, 'input', timeoutMs);
      return undefined;
    }
    if (waitMs > 0) await this.pause(identifier, 'input', waitMs);
    this.pendingInput.shift();
    return next;
  }

  /** Call time: ms since the call started. */
  elapsed(): number {
    return this.clock.now() - this.origin;
  }

  emit(event: UntimedFlowEvent, at = this.elapsed()): void {
    const timed = { ...event, at } as FlowEvent;
    this.events.push(timed);
    this.options.onEvent?.(timed);
  }

  /** Counts one action against the step cap, and ends the call if its time is already up. */
  enterAction(action: FlowAction): void {
    this.steps += 1;
    if (this.steps > this.maxSteps) {
      throw new CallEnded(
        'limitExceeded',
        `step limit of ${this.maxSteps} actions reached at ${describeAction(action)}: the flow seems to loop without end`,
      );
    }
    const deadline = this.nextDeadline();
    if (this.elapsed() >= deadline.atMs) throw deadline.end();
  }

  /** Waits `ms` with nothing playing (announced by a `pause` event), unless the call ends first. */
  async pause(identifier: string, reason: 'input' | 'wait', ms: number): Promise<void> {
    this.emit({ type: 'pause', identifier, reason, durationMs: ms });
    await this.wait(ms);
  }

  /** Lets `ms` of call time pass (a prompt playing, a wait), unless the call ends first. */
  async wait(ms: number): Promise<void> {
    const deadline = this.nextDeadline();
    const remaining = deadline.atMs - this.elapsed();
    if (ms < remaining) return this.clock.sleep(ms);
    await this.clock.sleep(Math.max(0, remaining));
    throw deadline.end();
  }

  /**
   * Waits for `work`, at most `limitMs` of call time (then TimeLimitExceeded) and only while the call lasts (else
   * CallEnded). Work still running at the limit is abandoned, as Connect abandons a Lambda that answers too late.
   */
  async race<T>(work: Promise<T>, limitMs = Number.POSITIVE_INFINITY): Promise<T> {
    const deadline = this.nextDeadline();
    const untilDeadline = deadline.atMs - this.elapsed();
    const timerMs = Math.min(limitMs, untilDeadline);
    if (timerMs === Number.POSITIVE_INFINITY) return work;
    // An abandoned promise may still reject later; that is no longer the flow's business.
    work.catch(() => undefined);
    const stopTimer = new AbortController();
    const timer = this.clock.sleep(Math.max(0, timerMs), stopTimer.signal).then((): typeof TIMER_FIRED => TIMER_FIRED);
    const winner = await Promise.race([work.then((value) => ({ value })), timer]).finally(() => stopTimer.abort());
    if (winner !== TIMER_FIRED) return winner.value;
    if (untilDeadline <= limitMs) throw deadline.end();
    throw new TimeLimitExceeded(limitMs);
  }

  // The earlier of the caller's hang-up and the call-time cap.
  private nextDeadline(): { atMs: number; end: () => CallEnded } {
    const hangUpAtMs = this.options.hangUpAtMs ?? Number.POSITIVE_INFINITY;
    const maxMs = this.options.maxCallDurationMs ?? DEFAULT_MAX_CALL_DURATION_MS;
    if (hangUpAtMs <= maxMs) {
      return { atMs: hangUpAtMs, end: () => new CallEnded('callerHungUp', `the caller hung up at ${hangUpAtMs} ms`) };
    }
    return {
      atMs: maxMs,
      end: () =>
        new CallEnded('limitExceeded', `call-time limit of ${maxMs} ms reached: the flow seems to loop without end`),
    };
  }
}
