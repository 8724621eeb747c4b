import { AsappInvalidResponseError } from '../src';
import { rejectionOf, useEmulator } from './fixtures';

const context = useEmulator();

const transferInput = {
  id: 'contact-9',
  externalConversationId: 'contact-9',
  taskName: 'billing',
  inputVariables: { customerId: '+15551230000', accountId: 'A-42' },
};

describe('createCallTransfer', () => {
  it('posts the documented body and returns the E.164 transfer number', async () => {
    const transfer = await context.client.createCallTransfer(transferInput);

    expect(transfer).toMatchObject({
      id: 'contact-9',
      externalConversationId: 'contact-9',
      phoneNumber: { transferNumber: expect.stringMatching(/^\+1555\d{7}$/), country: 'US', expiresAt: expect.any(String) },
    });
    const [request] = context.emulator.requests;
    expect(request).toMatchObject({ endpoint: 'createCallTransfer', method: 'POST' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({
      id: 'contact-9',
      externalConversationId: 'contact-9',
      type: 'PHONE_NUMBER',
      phoneNumber: { country: 'US' },
      inputContext: { taskName: 'billing', inputVariables: { customerId: '+15551230000', accountId: 'A-42' } },
    });
  });

  it('omits taskName when none is given', async () => {
    await context.client.createCallTransfer({ ...transferInput, taskName: undefined });
    expect(context.emulator.requests[0]?.body).toMatchObject({
      inputContext: expect.not.objectContaining({ taskName: expect.anything() }),
    });
    expect(context.emulator.requests[0]?.body).toMatchObject({ inputContext: { inputVariables: transferInput.inputVariables } });
  });

  it('reports an ASAPP rejection as an api error', async () => {
    await context.client.createCallTransfer(transferInput);
    const error = await rejectionOf(context.client.createCallTransfer(transferInput));
    expect(error).toMatchObject({ kind: 'api', operation: 'createCallTransfer', status: 409, asappError: { code: '409-01' } });
  });

  it.each([
    ['only the number', { phoneNumber: { transferNumber: '+15557654321' } }],
    ['nulls and extra fields', { id: null, type: null, phoneNumber: { transferNumber: '+15557654321', expiresAt: null, carrier: 'x' }, extra: true }],
    ['mistyped fields the Lambdas do not use', { id: 9, phoneNumber: { transferNumber: '+15557654321', country: 1 }, inputContext: [] }],
  ])('accepts a reply with %s (only phoneNumber.transferNumber is required)', async (_case, body) => {
    context.emulator.setBehaviour('createCallTransfer', { body });
    await expect(context.client.createCallTransfer(transferInput)).resolves.toEqual({
      phoneNumber: { transferNumber: '+15557654321' },
    });
  });

  it.each([
    ['a reply without a transfer number', { id: 'contact-9', phoneNumber: {} }, /phoneNumber\.transferNumber/],
    ['a null phoneNumber', { id: 'contact-9', phoneNumber: null }, /phoneNumber/],
    ['a number that is not E.164', { id: 'contact-9', phoneNumber: { transferNumber: '555-1234' } }, /E\.164/],
    ['a body that is not JSON', 'OK', /body is not JSON/],
  ])('reports %s as invalid-response naming the problem', async (_case, body, problem) => {
    context.emulator.setBehaviour('createCallTransfer', { body });

    const error = await rejectionOf(context.client.createCallTransfer(transferInput));

    expect(error).toBeInstanceOf(AsappInvalidResponseError);
    expect(error).toMatchObject({ kind: 'invalid-response', status: 200 });
    expect(error.message).toMatch(problem);
  });
});

describe('getCallTransfer', () => {
  it('returns an ACTIVE transfer without output context', async () => {
    const created = await context.client.createCallTransfer(transferInput);

    const transfer = await context.client.getCallTransfer('contact-9');

    expect(transfer).toMatchObject({ id: 'contact-9', status: 'ACTIVE', phoneNumber: { transferNumber: created.phoneNumber.transferNumber } });
    expect(transfer.outputContext).toBeUndefined();
    expect(context.emulator.requests[1]).toMatchObject({ method: 'GET', path: '/generativeagent/v1/call-transfers/contact-9' });
    expect(context.emulator.requests[1]?.headers).not.toHaveProperty('content-type');
  });

  it('returns the output context once GenerativeAgent has completed the transfer', async () => {
    await context.client.createCallTransfer(transferInput);
    context.emulator.completeCallTransfer('contact-9', {
      transferType: 'AGENT',
      currentTaskName: 'billing',
      referenceVariables: { caseId: 'C-1' },
      transferVariables: { summary: 'wants a refund' },
    });

    const transfer = await context.client.getCallTransfer('contact-9');

    expect(transfer).toMatchObject({
      status: 'COMPLETED',
      completedAt: expect.any(String),
      outputContext: {
        transferType: 'AGENT',
        currentTaskName: 'billing',
        referenceVariables: { caseId: 'C-1' },
        transferVariables: { summary: 'wants a refund' },
      },
    });
  });

  it('encodes the id as one path segment', async () => {
    await context.client.createCallTransfer({ ...transferInput, id: 'a/b c' });
    await expect(context.client.getCallTransfer('a/b c')).resolves.toMatchObject({ id: 'a/b c' });
    expect(context.emulator.requests[1]?.path).toBe('/generativeagent/v1/call-transfers/a%2Fb%20c');
  });

  it('reports an unknown id as an api error with status 404', async () => {
    const error = await rejectionOf(context.client.getCallTransfer('nope'));
    expect(error).toMatchObject({ kind: 'api', operation: 'getCallTransfer', status: 404, asappError: { code: '404-01' } });
  });

  it.each([
    ['only outputContext (what ASAPP\'s own call-context Lambda checks)', { outputContext: { transferType: 'SYSTEM', currentTaskName: 'billing' } }],
    ['nulls for fields ASAPP may leave empty', { id: null, status: null, completedAt: null, phoneNumber: null, outputContext: { transferType: 'AGENT', currentTaskName: null, referenceVariables: null } }],
    ['an undocumented status and extra fields', { id: 'x', status: 'PENDING', region: 'us', outputContext: { transferType: 'AGENT', extra: 1 } }],
    ['wrongly typed fields the Lambdas do not use', { id: 7, createdAt: 1700000000, inputContext: 'n/a' }],
  ])('accepts a reply with %s', async (_case, body) => {
    context.emulator.setBehaviour('getCallTransfer', { body });
    const transfer = await context.client.getCallTransfer('x');
    expect(transfer).not.toHaveProperty('region');
    expect(transfer.outputContext ?? {}).not.toHaveProperty('extra');
  });

  it('keeps what it can read and drops null or mistyped fields', async () => {
    context.emulator.setBehaviour('getCallTransfer', {
      body: { id: 7, status: 'COMPLETED', outputContext: { transferType: 'SYSTEM', currentTaskName: null, transferVariables: { n: 1 } } },
    });
    await expect(context.client.getCallTransfer('x')).resolves.toEqual({
      status: 'COMPLETED',
      outputContext: { transferType: 'SYSTEM', transferVariables: { n: 1 } },
    });
  });

  it.each([
    ['a body that is not JSON', '<html>OK</html>', /body is not JSON/],
    ['a JSON body that is not an object', [], /\(body\)/],
  ])('reports %s as invalid-response', async (_case, body, problem) => {
    context.emulator.setBehaviour('getCallTransfer', { body });
    const error = await rejectionOf(context.client.getCallTransfer('x'));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(problem);
  });
});
