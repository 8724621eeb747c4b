import { MAX_LAMBDA_RESPONSE_BYTES, validateLambdaResponse } from '../../src/interpreter/lambda-response';

describe('validateLambdaResponse', () => {
  it('JSON accepts nested values and passes them through JSON', () => {
    const result = validateLambdaResponse({ next: 'speak', playBeepBop: 1, outputVariables: { a: 'b' }, when: new Date(0) }, 'JSON');
    expect(result).toEqual({
      ok: true,
      external: { next: 'speak', playBeepBop: 1, outputVariables: { a: 'b' }, when: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('JSON turns an undefined result into null, as Lambda does', () => {
    expect(validateLambdaResponse(undefined, 'JSON')).toEqual({ ok: true, external: null });
  });

  it('STRING_MAP accepts a flat map of strings', () => {
    expect(validateLambdaResponse({ result: 'ok', transferNumber: '+15550100' }, 'STRING_MAP')).toEqual({
      ok: true,
      external: { result: 'ok', transferNumber: '+15550100' },
    });
  });

  it.each([
    ['a nested object', { result: 'ok', outputContext: { transferType: 'AGENT' } }, "'outputContext'"],
    ['a number', { playBeepBop: 1 }, "'playBeepBop'"],
    ['an array', ['a'], 'object of strings'],
    ['null', null, 'object of strings'],
  ])('STRING_MAP rejects %s', (_case, response, named) => {
    const result = validateLambdaResponse(response, 'STRING_MAP');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(named);
  });

  it('rejects a response above 32 KB under either type', () => {
    const big = { text: 'x'.repeat(MAX_LAMBDA_RESPONSE_BYTES) };
    for (const type of ['JSON', 'STRING_MAP'] as const) {
      const result = validateLambdaResponse(big, type);
      expect(!result.ok && result.reason).toMatch(/above the 32768-byte limit/);
    }
  });

  it('counts UTF-8 bytes, not characters', () => {
    const justUnder = { t: 'é'.repeat((MAX_LAMBDA_RESPONSE_BYTES - 10) / 2) };
    expect(validateLambdaResponse(justUnder, 'JSON').ok).toBe(true);
    expect(validateLambdaResponse({ t: 'é'.repeat(MAX_LAMBDA_RESPONSE_BYTES / 2) }, 'JSON').ok).toBe(false);
  });
});
