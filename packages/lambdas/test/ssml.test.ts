import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { ConfigError } from '../src/config/config-error';
import { parsePullActionConfig } from '../src/config/pull-action-config';
import { escapeXml, markupProblem, parseSsmlConversion, type SsmlConversionRule, toSpeech } from '../src/ssml';

function conversions(rules: readonly SsmlConversionRule[]) {
  return parsePullActionConfig({ SSML_CONVERSIONS: JSON.stringify(rules) }).ssmlConversions;
}

function configErrorOf(rules: unknown): ConfigError {
  try {
    parsePullActionConfig({ SSML_CONVERSIONS: JSON.stringify(rules) });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

interface ParsedXml {
  readonly errors: readonly string[];
  /** The character data, entities decoded, as a speech engine reads it. */
  readonly text: string;
  readonly root: string | undefined;
}

/** A strict, conforming XML parser (saxes): any well-formedness error is reported. */
function parseXml(xml: string): ParsedXml {
  const parser = new SaxesParser();
  const errors: string[] = [];
  let text = '';
  let root: string | undefined;
  parser.on('error', (error) => errors.push(error.message));
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
  });
  parser.write(xml).close();
  return { errors, text, root };
}

/** XML parsers turn \r and \r\n into \n; invalid characters are dropped by design. */
function asXmlReadsIt(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/\r\n?/g, '\n');
}

describe('escapeXml', () => {
  it('escapes the five XML special characters and drops characters XML cannot carry', () => {
    expect(escapeXml(`Tom & Jerry <b> "quoted" it's\u0007\uFFFF\uD800`)).toBe(
      'Tom &amp; Jerry &lt;b&gt; &quot;quoted&quot; it&apos;s',
    );
  });
});

describe('toSpeech', () => {
  it('passes plain text through unchanged when no conversions are configured', () => {
    expect(toSpeech(`A & B < C "x" 'y'`, [])).toEqual({ text: `A & B < C "x" 'y'`, textType: 'text' });
  });

  it('escapes the text around the matches and wraps it in <speak>', () => {
    const result = toSpeech(`Fees & taxes < $5 for "Gold" members, it's true.`, conversions([{ searchFor: 'gold', replaceWith: 'GOLD' }]));
    expect(result).toEqual({
      textType: 'ssml',
      text: '<speak>Fees &amp; taxes &lt; $5 for &quot;GOLD&quot; members, it&apos;s true.</speak>',
    });
  });

  it('matches the raw text: a rule for "&" replaces the ampersand, not the escape (issue 8: "AT&T")', () => {
    const result = toSpeech('AT&T & you', conversions([{ searchFor: '&', replaceWith: ' and ' }]));
    expect(result.text).toBe('<speak>AT and T  and  you</speak>');
  });

  it("matches the raw text: a rule written for it's matches the apostrophe the agent sent", () => {
    const rules = conversions([{ searchFor: "it's", replaceWith: '<emphasis>it is</emphasis>' }]);
    expect(toSpeech("Yes, it's done; IT'S fine.", rules).text).toBe(
      '<speak>Yes, <emphasis>it is</emphasis> done; <emphasis>it is</emphasis> fine.</speak>',
    );
  });

  it("ASAPP's documented example: a phoneme for ASAPP, matched case-insensitively, its markup kept verbatim", () => {
    const rules = conversions([{ searchFor: 'ASAPP', replaceWith: '<phoneme alphabet="ipa" ph="eɪˈsæp">ASAPP</phoneme>' }]);
    expect(toSpeech('Thanks for calling asapp & co.', rules).text).toBe(
      '<speak>Thanks for calling <phoneme alphabet="ipa" ph="eɪˈsæp">ASAPP</phoneme> &amp; co.</speak>',
    );
  });

  it('applies conversions in order; later ones never match inside an earlier replacement', () => {
    const rules = conversions([
      { searchFor: 'ASAPP', replaceWith: '<say-as interpret-as="characters">ASAPP</say-as>' },
      { searchFor: 'as', replaceWith: 'AS' },
      { searchFor: '\\.\\s', replaceWith: '.<break time="300ms"/> ' },
    ]);
    expect(toSpeech('asapp helps. As asked, Asapp answers. Done.', rules).text).toBe(
      '<speak><say-as interpret-as="characters">ASAPP</say-as> helps.<break time="300ms"/> ' +
        'AS ASked, <say-as interpret-as="characters">ASAPP</say-as> answers.<break time="300ms"/> Done.</speak>',
    );
  });

  it('leaves alone a later match that would span an earlier replacement; ^ and $ still anchor the whole text', () => {
    const rules = conversions([
      { searchFor: 'b', replaceWith: '<w>b</w>' },
      { searchFor: 'a.c', replaceWith: 'X' },
      { searchFor: '$', replaceWith: '<break time="1s"/>' },
      { searchFor: '^', replaceWith: '<break time="200ms"/>' },
    ]);
    expect(toSpeech('abc abc', rules).text).toBe(
      '<speak><break time="200ms"/>a<w>b</w>c a<w>b</w>c<break time="1s"/></speak>',
    );
  });

  it('inserts $&, $1 and $<name> as escaped text of the match; $$ is a dollar sign', () => {
    const rules = conversions([
      { searchFor: '(\\d{3})-(\\d{4})', replaceWith: '<say-as interpret-as="telephone">$1-$2</say-as>' },
      { searchFor: 'R&D', replaceWith: '<sub alias="research">$&</sub>' },
      { searchFor: '(?<amount>\\d+) USD', replaceWith: '$$$<amount>' },
    ]);
    expect(toSpeech('Call 555-1234 at r&d for 5 USD', rules).text).toBe(
      '<speak>Call <say-as interpret-as="telephone">555-1234</say-as> at <sub alias="research">r&amp;d</sub> for $5</speak>',
    );
  });

  it('keeps a $ that refers to no group as written, as String.prototype.replace does', () => {
    expect(toSpeech('fee', conversions([{ searchFor: 'fee', replaceWith: 'a $5 fee $x' }])).text).toBe(
      '<speak>a $5 fee $x</speak>',
    );
  });

  it('gives the same result when the same conversions run again (no regex state carried between calls)', () => {
    const rules = conversions([{ searchFor: 'a', replaceWith: 'A' }]);
    expect(toSpeech('banana', rules).text).toBe('<speak>bAnAnA</speak>');
    expect(toSpeech('banana', rules).text).toBe('<speak>bAnAnA</speak>');
  });
});

describe('SSML_CONVERSIONS validation', () => {
  it.each([
    [[{ searchFor: 'a', replaceWith: '<break time="1s">' }], 'SSML_CONVERSIONS[0].replaceWith', '<break> is never closed'],
    [[{ searchFor: 'a', replaceWith: 'x' }, { searchFor: 'b', replaceWith: 'AT&T' }], 'SSML_CONVERSIONS[1].replaceWith', '&amp;'],
    [[{ searchFor: 'a', replaceWith: '</b>' }], 'SSML_CONVERSIONS[0].replaceWith', 'closes nothing'],
    [[{ searchFor: '(a)', replaceWith: '<$1/>' }], 'SSML_CONVERSIONS[0].replaceWith', 'a $ reference counts as text'],
    [[{ searchFor: 'a', replaceWith: '<w a="1" a="2"/>' }], 'SSML_CONVERSIONS[0].replaceWith', 'appears twice'],
    [[{ searchFor: 'a', replaceWith: '<!-- x -->' }], 'SSML_CONVERSIONS[0].replaceWith', 'comments'],
    [[{ searchFor: 'a', replaceWith: "$'" }], 'SSML_CONVERSIONS[0].replaceWith', 'not supported'],
    [[{ searchFor: '(?<n>a)', replaceWith: '$<m>' }], 'SSML_CONVERSIONS[0].replaceWith', 'names no group'],
    [[{ searchFor: '(', replaceWith: 'x' }], 'SSML_CONVERSIONS[0].searchFor', 'not a valid regular expression'],
  ])('refuses %j, naming %s', (rules, variable, problem) => {
    const error = configErrorOf(rules);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(problem);
    expect(error.message).toContain('Fix:');
  });
});

// Property tests: whatever the agent says and whatever (accepted) conversions are configured, the output is
// well-formed XML by a conforming parser, and no character the agent said is lost or doubled outside the matches.

const TEXT_UNITS = ['a', 'A', 's', 'p', ' ', '.', '1', '&', '<', '>', '"', "'", ';', '$', '\r', '\u0000', '\uD83D', '\uDE00', '😀', 'é', '\uFFFF', ']'];
const agentText = fc.oneof(fc.string({ unit: fc.constantFrom(...TEXT_UNITS), maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

const PATTERNS = ['&', '<', "it's", 'a', 'A+', '\\s+', '\\.\\s', '(\\d+)', '(?<word>\\w+)', '$', '^', '\\b', '(?:)', '.', "[&<>\"']", 'a|', 'é', ']]', '\\uD83D'];
const attribute = fc.tuple(
  fc.constantFrom('time', 'interpret-as', 'alphabet', 'ph', 'xml:lang'),
  fc.string({ unit: fc.constantFrom('a', '1', ' ', '&amp;', '&quot;', '&#x2F;', '$&', '$1', '>', "'"), maxLength: 5 }),
);
const { node: markupFragment } = fc.letrec<{ node: string; element: string; text: string }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tie('text'), tie('element')),
  text: fc.string({ unit: fc.constantFrom('a', ' ', '.', '&amp;', '&lt;', '&#233;', '$&', '$1', '$<word>', '$$', '&gt;', 'ɪ'), maxLength: 6 }),
  element: fc
    .tuple(
      fc.constantFrom('break', 'say-as', 'amazon:effect', 'phoneme', 'emphasis', 'w', 'sub'),
      fc.uniqueArray(attribute, { selector: ([name]) => name, maxLength: 2 }),
      fc.option(fc.array(tie('node'), { maxLength: 3 })),
    )
    .map(([name, attributes, children]) => {
      const attributeText = attributes.map(([key, value]) => ` ${key}="${value.replaceAll('"', '&quot;')}"`).join('');
      return children === null ? `<${name}${attributeText}/>` : `<${name}${attributeText}>${children.join('')}</${name}>`;
    }),
}));
const acceptedRules = fc.array(
  fc.record({ searchFor: fc.constantFrom(...PATTERNS), replaceWith: markupFragment }).filter((rule) => parseSsmlConversion(rule).ok),
  { minLength: 1, maxLength: 4 },
);

function compiled(rules: readonly SsmlConversionRule[]) {
  return rules.map((rule) => {
    const parsed = parseSsmlConversion(rule);
    if (!parsed.ok) throw new Error(parsed.problem);
    return parsed.conversion;
  });
}

describe('toSpeech output (property tests, checked with a conforming XML parser)', () => {
  it('is always well-formed XML with a single <speak> root', () => {
    fc.assert(
      fc.property(agentText, acceptedRules, (text, rules) => {
        const xml = parseXml(toSpeech(text, compiled(rules)).text);
        expect(xml.errors).toEqual([]);
        expect(xml.root).toBe('speak');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back as exactly the agent text when no conversion matches', () => {
    const neverMatches = compiled([{ searchFor: 'zz(?!.)q', replaceWith: '<break/>' }]);
    fc.assert(
      fc.property(agentText, (text) => {
        const xml = parseXml(toSpeech(text, neverMatches).text);
        expect(xml.errors).toEqual([]);
        expect(xml.text).toBe(asXmlReadsIt(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps every character of the agent text exactly once when each match is put back as $& (no text lost or doubled)', () => {
    // No astral characters here: a rule matching the empty string may cut a surrogate pair, whose halves are dropped.
    const bmpText = fc.string({ unit: fc.constantFrom(...TEXT_UNITS.filter((unit) => !/[\uD800-\uDFFF]/.test(unit))), maxLength: 40 });
    const wrappingRules = fc.array(
      fc.record({
        searchFor: fc.constantFrom(...PATTERNS),
        replaceWith: fc.constantFrom('<w>$&</w>', '<sub alias="x">$&</sub><break/>', '<break/>$&', '$&'),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(bmpText, wrappingRules, (text, rules) => {
        const xml = parseXml(toSpeech(text, compiled(rules)).text);
        expect(xml.errors).toEqual([]);
        expect(xml.text).toBe(asXmlReadsIt(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every generated well-formed SSML fragment as a replacement', () => {
    fc.assert(
      fc.property(markupFragment, (fragment) => {
        expect(parseSsmlConversion({ searchFor: '(?<word>a)(b)?', replaceWith: fragment })).toMatchObject({ ok: true });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a bare ">" in replacement text: inserted after a matched "]]" it would form the forbidden "]]>"', () => {
    expect(parseSsmlConversion({ searchFor: '.', replaceWith: '$&$&>' })).toMatchObject({
      ok: false,
      field: 'replaceWith',
      problem: expect.stringContaining('a ">" in text must be written &gt;'),
    });
    const written = parseSsmlConversion({ searchFor: '.', replaceWith: '$&$&&gt;' });
    if (!written.ok) throw new Error(written.problem);
    expect(parseXml(toSpeech(']', [written.conversion]).text)).toMatchObject({ errors: [], text: ']]>' });
  });

  it('never accepts a replacement that would make the output ill-formed (the check is sound)', () => {
    const anyMarkup = fc.string({
      unit: fc.constantFrom('<', '>', '/', '&', ';', '"', "'", '=', ' ', 'a', 'b', '#', 'x', '1', '$', '!', '?', ']', '-', ':'),
      maxLength: 16,
    });
    fc.assert(
      fc.property(anyMarkup, (markup) => {
        if (markupProblem(markup) === undefined) expect(parseXml(`<speak>${markup}</speak>`).errors).toEqual([]);
      }),
      { numRuns: 20000 },
    );
  });
});
