import { asappHostSchema, normalizeAsappHost } from '../src';

describe('normalizeAsappHost', () => {
  it.each([
    ['api.asapp.com', 'https://api.asapp.com'],
    ['https://api.asapp.com', 'https://api.asapp.com'],
    ['https://api.sandbox.asapp.com/', 'https://api.sandbox.asapp.com'],
    ['  API.ASAPP.COM  ', 'https://api.asapp.com'],
    ['api.asapp.com:8443', 'https://api.asapp.com:8443'],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010', 'http://localhost:4010'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeAsappHost(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['api asapp com', /not a valid URL/],
    ['http://api.asapp.com', /scheme http: is not allowed/],
    ['ftp://api.asapp.com', /scheme ftp: is not allowed/],
    ['https://user:pass@api.asapp.com', /must not contain credentials/],
    ['https://api.asapp.com/mg-genagent/v1', /must not contain a path/],
    ['api.asapp.com?x=1', /must not contain a path, query/],
    ['asapp', /not a fully qualified host name/],
  ])('rejects %j with a clear message', (input, reason) => {
    expect(() => normalizeAsappHost(input)).toThrow(reason);
    expect(() => normalizeAsappHost(input)).toThrow(/Expected a host name such as api\.asapp\.com/);
  });

  it('does not echo credentials embedded in a rejected host', () => {
    expect(() => normalizeAsappHost('https://id:s3cret@api.asapp.com')).toThrow(
      'Invalid ASAPP API host "https://***@api.asapp.com": it must not contain credentials',
    );
  });
});

describe('asappHostSchema', () => {
  it('normalises a valid host and reports an invalid one as a zod issue', () => {
    expect(asappHostSchema.parse('api.asapp.com')).toBe('https://api.asapp.com');
    const result = asappHostSchema.safeParse('http://api.asapp.com');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/scheme http: is not allowed/);
  });
});
