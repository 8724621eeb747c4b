import { Fn } from 'cdktf';
import { nameRules, resourceName } from '../src';

describe('resourceName', () => {
  it('joins prefix and component', () => {
    expect(resourceName('genagent-dev', 'pull-action', 'lambdaFunction')).toBe('genagent-dev-pull-action');
  });

  it('accepts a name of exactly the limit and rejects one character more, naming the limit', () => {
    const limit = nameRules.elasticacheReplicationGroup.maxLength;
    const prefix = 'a'.repeat(limit - '-valkey'.length);
    expect(resourceName(prefix, 'valkey', 'elasticacheReplicationGroup')).toHaveLength(limit);
    expect(() => resourceName(`${prefix}a`, 'valkey', 'elasticacheReplicationGroup')).toThrow(
      `is 41 characters; AWS allows at most 40. Shorten the name prefix "${prefix}a" by at least 1 characters.`,
    );
    expect(() => resourceName('x'.repeat(60), 'engage', 'lambdaFunction')).toThrow('AWS allows at most 64');
  });

  it('rejects characters AWS does not accept', () => {
    expect(() => resourceName('ga dev', 'engage', 'lambdaFunction')).toThrow('may only contain letters, digits, "-" and "_"');
    expect(() => resourceName('ga--dev', 'valkey', 'elasticacheReplicationGroup')).toThrow('single "-"');
    expect(() => resourceName('GA', 'prompts', 's3BucketPrefix')).toThrow('lower-case');
  });

  it('refuses tokens, whose length is unknown at synth', () => {
    expect(() => resourceName(Fn.lower('X'), 'engage', 'lambdaFunction')).toThrow('must be a literal string');
    expect(() => resourceName('', 'engage', 'lambdaFunction')).toThrow('non-empty');
  });
});
