import type { CreateCallTransferRequest, OutputContext } from './schemas';

export type CallTransferStatus = 'ACTIVE' | 'ONGOING' | 'COMPLETED' | 'EXPIRED';

/** A call transfer as ASAPP's `GET /generativeagent/v1/call-transfers/{id}` documents it. */
export interface CallTransfer {
  readonly id: string;
  readonly externalConversationId: string;
  readonly status: CallTransferStatus;
  readonly createdAt: string;
  readonly callReceivedAt?: string;
  readonly completedAt?: string;
  readonly type: 'PHONE_NUMBER';
  readonly phoneNumber: { readonly transferNumber: string; readonly country: string; readonly expiresAt: string };
  readonly inputContext: CreateCallTransferRequest['inputContext'];
  readonly outputContext?: OutputContext;
}

/** ASAPP documents a temporary number valid for about a minute. */
const TRANSFER_NUMBER_LIFETIME_MS = 60_000;

/**
 * In-memory call transfers. Numbers come from the fictional 555 exchange so that nothing in a test can dial a real
 * line, and are unique per emulator so that tests can tell transfers apart.
 */
export class CallTransferStore {
  private readonly transfers = new Map<string, CallTransfer>();
  private numbersIssued = 0;

  has(id: string): boolean {
    return this.transfers.has(id);
  }

  create(request: CreateCallTransferRequest, now = new Date()): CallTransfer {
    this.numbersIssued += 1;
    const transfer: CallTransfer = {
      id: request.id,
      externalConversationId: request.externalConversationId,
      status: 'ACTIVE',
      createdAt: now.toISOString(),
      type: request.type,
      phoneNumber: {
        transferNumber: `+1555${String(this.numbersIssued).padStart(7, '0')}`,
        country: request.phoneNumber.country,
        expiresAt: new Date(now.getTime() + TRANSFER_NUMBER_LIFETIME_MS).toISOString(),
      },
      inputContext: request.inputContext,
    };
    this.transfers.set(transfer.id, transfer);
    return transfer;
  }

  /** The transfer as of `now`: an ACTIVE one whose number was never called has EXPIRED once its number expires. */
  get(id: string, now = new Date()): CallTransfer | undefined {
    const transfer = this.transfers.get(id);
    if (transfer?.status === 'ACTIVE' && Date.parse(transfer.phoneNumber.expiresAt) <= now.getTime()) {
      return { ...transfer, status: 'EXPIRED' };
    }
    return transfer;
  }

  /** What GenerativeAgent does when it hands the call back: the transfer completes with its output context. */
  complete(id: string, outputContext: OutputContext, now = new Date()): CallTransfer {
    const transfer = this.transfers.get(id);
    if (!transfer) {
      throw new Error(`completeCallTransfer: no call transfer with id "${id}"; create it first`);
    }
    const completed: CallTransfer = {
      ...transfer,
      status: 'COMPLETED',
      callReceivedAt: transfer.callReceivedAt ?? now.toISOString(),
      completedAt: now.toISOString(),
      outputContext,
    };
    this.transfers.set(id, completed);
    return completed;
  }
}
