import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findValkeyServerBinary } from '../src';

describe('findValkeyServerBinary', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'find-server-binary-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const fakeBinary = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };

  it('prefers valkey-server over redis-server on PATH', () => {
    fakeBinary('redis-server');
    const valkey = fakeBinary('valkey-server');
    expect(findValkeyServerBinary(`/nonexistent:${dir}`, [])).toBe(valkey);
  });

  it('uses redis-server on PATH when there is no valkey-server', () => {
    const redis = fakeBinary('redis-server');
    expect(findValkeyServerBinary(dir, [])).toBe(redis);
  });

  it('ignores files that are not executable', () => {
    writeFileSync(join(dir, 'valkey-server'), '');
    const redis = fakeBinary('redis-server');
    expect(findValkeyServerBinary(dir, [])).toBe(redis);
  });

  it('falls back to the well-known directories when PATH has neither', () => {
    const redis = fakeBinary('redis-server');
    expect(findValkeyServerBinary('', [dir])).toBe(redis);
  });

  it('explains how to install a server when there is none', () => {
    expect(() => findValkeyServerBinary(dir, [dir])).toThrow(/apt-get install -y redis-server.*VALKEY_URL/s);
  });
});
