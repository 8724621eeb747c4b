import type { LambdaHandler, PushActionResponse } from '@genagent-connect/lambdas';
import type { CallNote, PushRecord } from './call-record';
import type { PlaybackClock } from './playback-clock';
import type { ConversationStep } from './scenario';

export interface GenerativeAgentDriverOptions {
  readonly steps: readonly ConversationStep[];
  readonly clock: PlaybackClock;
  /** Call time since the call started. */
  readonly callTime: () => number;
  readonly companyMarker: string;
  /** The call's ContactId, which ASAPP's pushes carry as `guid`. */
  readonly guid: string;
  readonly pushAction: LambdaHandler<PushActionResponse>;
  readonly stopValkey: () => Promise<void>;
  /** Fails Valkey over to its replica (the call's handlers then reach it through the same endpoint). */
  readonly failover: () => Promise<void>;
}

/**
 * GenerativeAgent's side of a media-mode call: once engaged, it walks the scenario's conversation, invoking the
 * real PushAction handler at each push's time (ms after engage) as ASAPP would, against the same Valkey.
 */
export class GenerativeAgentDriver {
  readonly pushes: PushRecord[] = [];
  readonly notes: CallNote[] = [];
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(private readonly options: GenerativeAgentDriverOptions) {}

  /** Starts the conversation (on engage); a second engage of the same call is ignored. */
  start(): void {
    this.running ??= this.run(this.options.callTime());
  }

  /** Stops at the next step boundary and waits for a push in flight. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async run(engagedAtMs: number): Promise<void> {
    const { clock, callTime } = this.options;
    const steps = [...this.options.steps].sort((a, b) => a.atMs - b.atMs);
    for (const step of steps) {
      await clock.sleep(engagedAtMs + step.atMs - callTime(), this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      await this.perform(step);
    }
  }

  private async perform(step: ConversationStep): Promise<void> {
    const atMs = this.options.callTime();
    if (step.caller !== undefined) {
      this.notes.push({ atMs, kind: 'caller', text: step.caller });
    } else if (step.fault === 'failover') {
      this.notes.push({
        atMs,
        kind: 'fault',
        text: 'Valkey failover: primary killed, replica promoted, endpoint moved to it (open connections reset)',
      });
      await this.options.clock.inRealTime(() => this.options.failover());
    } else if (step.fault !== undefined) {
      this.notes.push({ atMs, kind: 'fault', text: 'Valkey server killed (as in a crash)' });
      await this.options.stopValkey();
    } else if (step.push !== undefined) {
      const event = this.pushEvent(step.push);
      const response = await this.options.clock.inRealTime(() => this.options.pushAction(event));
      this.pushes.push({ sentAtMs: atMs, landedAtMs: this.options.callTime(), event, response });
    }
  }

  // The scenario may leave out companyMarker and guid; an explicit null removes one, to send a malformed push.
  private pushEvent(push: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const event: Record<string, unknown> = { companyMarker: this.options.companyMarker, guid: this.options.guid, ...push };
    for (const [key, value] of Object.entries(event)) if (value === null) delete event[key];
    return event;
  }
}
