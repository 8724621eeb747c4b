import { AsappClient } from '../src';

const credentials = { apiId: 'id', apiSecret: 'secret' };

describe('AsappClient options', () => {
  it('normalises the host and defaults the timeout to 5 s', () => {
    const client = new AsappClient({ host: 'api.asapp.com', credentials });
    expect(client.host).toBe('https://api.asapp.com');
    expect(client.timeoutMs).toBe(5000);
  });

  it.each([
    [{ host: 'not a host', credentials }, /host: Invalid ASAPP API host "not a host"/],
    [{ host: 'api.asapp.com', credentials, timeoutMs: -5 }, /timeoutMs/],
    [{ host: 'api.asapp.com', credentials: { apiId: 'id', apiSecret: '' } }, /credentials/],
  ])('rejects %j naming the field', (options, field) => {
    expect(() => new AsappClient(options)).toThrow(field);
    expect(() => new AsappClient(options)).toThrow(/^Invalid AsappClient options: /);
  });
});
