import { interpolate, isPath, resolvePath, textOf } from '../../src/interpreter/jsonpath';

const root = {
  ContactId: 'c-1',
  Attributes: { ASAPP_CompanyMarker: 'acme', 'a b': 'spaced', 'dash-key': 'dashed' },
  External: { next: 'speak', playBeepBop: 1, ok: true, nothing: null, outputVariables: { Foo: 'bar' }, list: ['x', 'y'] },
};

describe('resolvePath', () => {
  it.each([
    ['$.ContactId', 'c-1'],
    ['$.Attributes.ASAPP_CompanyMarker', 'acme'],
    ["$.Attributes.['a b']", 'spaced'],
    ["$.Attributes['a b']", 'spaced'],
    ['$.Attributes["a b"]', 'spaced'],
    ['$.Attributes.dash-key', 'dashed'],
    ['$.External.outputVariables.Foo', 'bar'],
    ['$.External.list[1]', 'y'],
    ['$.External.playBeepBop', 1],
    ['  $.External.next  ', 'speak'],
  ])('%s → %p', (path, expected) => {
    expect(resolvePath(root, path)).toEqual(expected);
  });

  it.each(['$.Attributes.missing', '$.External.next.deeper', '$.External.list[5]', '$.External.constructor', '$.Attributes.__proto__', 'External.next', '$'])(
    '%s is missing',
    (path) => {
      expect(resolvePath(root, path)).toBeUndefined();
    },
  );
});

describe('interpolate', () => {
  it('replaces paths embedded in free text', () => {
    expect(interpolate('Unknown next action $.External.next', root)).toBe('Unknown next action speak');
  });

  it('ends a path at punctuation and whitespace', () => {
    expect(interpolate('Hi $.Attributes.ASAPP_CompanyMarker, then $.External.next.', root)).toBe('Hi acme, then speak.');
  });

  it('interpolates several paths, bracket names and numbers', () => {
    expect(interpolate("$.Attributes.['a b']/$.External.playBeepBop/$.External.ok", root)).toBe('spaced/1/true');
  });

  it('turns a missing or null value into the empty string', () => {
    expect(interpolate('[$.External.absent][$.External.nothing]', root)).toBe('[][]');
  });

  it('leaves text without paths alone, including a bare dollar', () => {
    expect(interpolate('costs $5 or $ .x', root)).toBe('costs $5 or $ .x');
  });
});

describe('isPath', () => {
  it('accepts exactly one path and nothing else', () => {
    expect(isPath('$.External.next')).toBe(true);
    expect(isPath("$.Attributes.['a b']")).toBe(true);
    expect(isPath('next is $.External.next')).toBe(false);
    expect(isPath('speak')).toBe(false);
  });
});

describe('textOf', () => {
  it('gives the string form Connect compares', () => {
    expect(textOf('x')).toBe('x');
    expect(textOf(1)).toBe('1');
    expect(textOf(1.5)).toBe('1.5');
    expect(textOf(false)).toBe('false');
    expect(textOf({ a: 1 })).toBe('{"a":1}');
    expect(textOf(undefined)).toBe('');
    expect(textOf(null)).toBe('');
  });
});
