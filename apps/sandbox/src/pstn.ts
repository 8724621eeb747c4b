import type { AsappEmulator } from '@genagent-connect/asapp-emulator';
import type { PhoneTransfer } from '@genagent-connect/connect-flow';
import type { CallNote } from './call-record';
import type { PlaybackClock } from './playback-clock';
import type { Scenario } from './scenario';

export interface EmulatorPhoneTransferOptions {
  readonly emulator: AsappEmulator;
  readonly clock: PlaybackClock;
  readonly callTime: () => number;
  /** The call transfer's id: the ContactId the call-transfer handler created it with. */
  readonly contactId: string;
  /** GenerativeAgent's side; without it (a media scenario running a transferring flow) nobody answers. */
  readonly pstn?: Scenario['pstn'];
  readonly notes: CallNote[];
}

/**
 * The far end of "Transfer to phone number" in PSTN mode: GenerativeAgent answers the number ASAPP issued for this
 * call, talks with the caller for `conversationMs` (played fast, like any stretch the caller only listens to),
 * completes the call transfer with the scenario's output context and hangs up, so the flow resumes.
 */
export function emulatorPhoneTransfer(options: EmulatorPhoneTransferOptions): PhoneTransfer {
  const { emulator, clock, callTime, contactId, pstn, notes } = options;
  const pass = async (ms: number) => {
    clock.fastForward(ms);
    await clock.sleep(ms);
  };
  return async (phoneNumber, { timeoutSeconds }) => {
    if (pstn === undefined) {
      notes.push({ atMs: callTime(), kind: 'fault', text: `${phoneNumber} does not answer: the scenario has no "pstn" block` });
      return 'callFailed';
    }
    if (pstn.answer === 'callFailed') return 'callFailed';
    if (pstn.answer === 'timeout') {
      await pass(timeoutSeconds * 1000);
      return 'timeout';
    }
    const created = emulator.requests.some(
      (request) => request.endpoint === 'createCallTransfer' && (request.body as { id?: unknown } | undefined)?.id === contactId,
    );
    if (!created) {
      notes.push({ atMs: callTime(), kind: 'fault', text: `${phoneNumber} does not answer: ASAPP issued no transfer for this call` });
      return 'callFailed';
    }
    await pass(pstn.conversationMs);
    emulator.completeCallTransfer(contactId, pstn.outputContext);
    const { transferType, currentTaskName } = pstn.outputContext;
    notes.push({
      atMs: callTime(),
      kind: 'agent',
      text: `GenerativeAgent hands the call back from ${phoneNumber}: transferType ${transferType}, task ${currentTaskName}`,
    });
    return 'completed';
  };
}
