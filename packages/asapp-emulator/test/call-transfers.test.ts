import { CallTransferStore } from '../src/call-transfers';

const request = {
  id: 'contact-1',
  externalConversationId: 'contact-1',
  type: 'PHONE_NUMBER' as const,
  phoneNumber: { country: 'US' as const },
  inputContext: { inputVariables: {} },
};
const createdAt = new Date('2030-01-01T00:00:00.000Z');
const afterExpiry = new Date('2030-01-01T00:01:00.000Z');
const outputContext = { transferType: 'SYSTEM' as const, currentTaskName: 't', referenceVariables: {}, transferVariables: {} };

describe('CallTransferStore', () => {
  it('reports an ACTIVE transfer as EXPIRED once its number has expired', () => {
    const store = new CallTransferStore();
    store.create(request, createdAt);

    expect(store.get('contact-1', new Date('2030-01-01T00:00:59.999Z'))?.status).toBe('ACTIVE');
    expect(store.get('contact-1', afterExpiry)?.status).toBe('EXPIRED');
  });

  it('keeps a COMPLETED transfer COMPLETED after its number has expired', () => {
    const store = new CallTransferStore();
    store.create(request, createdAt);
    store.complete('contact-1', outputContext, new Date('2030-01-01T00:00:30.000Z'));

    expect(store.get('contact-1', afterExpiry)).toMatchObject({
      status: 'COMPLETED',
      callReceivedAt: '2030-01-01T00:00:30.000Z',
      completedAt: '2030-01-01T00:00:30.000Z',
      outputContext,
    });
  });
});
