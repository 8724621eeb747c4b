import { parsePullActionConfig } from '../src/config/pull-action-config';
import { escapeXml, toSpeech } from '../src/ssml';

function conversions(json: unknown) {
  return parsePullActionConfig({ SSML_CONVERSIONS: JSON.stringify(json) }).ssmlConversions;
}

describe('escapeXml', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`Tom & Jerry <b> "quoted" it's`)).toBe('Tom &amp; Jerry &lt;b&gt; &quot;quoted&quot; it&apos;s');
  });
});

describe('toSpeech', () => {
  it('passes plain text through unchanged when no conversions are configured', () => {
    expect(toSpeech(`A & B < C "x" 'y'`, [])).toEqual({ text: `A & B < C "x" 'y'`, textType: 'text' });
  });

  it('escapes the agent text before converting and wraps it in <speak>', () => {
    const result = toSpeech(`Fees & taxes < $5 for "Gold" members, it's true.`, conversions([{ searchFor: 'gold', replaceWith: 'GOLD' }]));
    expect(result).toEqual({
      textType: 'ssml',
      text: '<speak>Fees &amp; taxes &lt; $5 for &quot;GOLD&quot; members, it&apos;s true.</speak>',
    });
  });

  it('applies each conversion case-insensitively to every match, in order, and keeps the SSML it inserts', () => {
    const rules = conversions([
      { searchFor: 'ASAPP', replaceWith: '<say-as interpret-as="characters">ASAPP</say-as>' },
      { searchFor: '\\.\\s', replaceWith: '.<break time="300ms"/> ' },
    ]);
    expect(toSpeech('asapp helps. Asapp answers. Done.', rules).text).toBe(
      '<speak><say-as interpret-as="characters">ASAPP</say-as> helps.<break time="300ms"/> ' +
        '<say-as interpret-as="characters">ASAPP</say-as> answers.<break time="300ms"/> Done.</speak>',
    );
  });

  it('lets a conversion use capture groups and match escaped text', () => {
    const rules = conversions([{ searchFor: '(\\d{3})-(\\d{4})', replaceWith: '<say-as interpret-as="telephone">$1-$2</say-as>' }, { searchFor: '&amp;', replaceWith: 'and' }]);
    expect(toSpeech('Call 555-1234 & ask', rules).text).toBe(
      '<speak>Call <say-as interpret-as="telephone">555-1234</say-as> and ask</speak>',
    );
  });

  it('gives the same result when the same conversions run again (no regex state carried between calls)', () => {
    const rules = conversions([{ searchFor: 'a', replaceWith: 'A' }]);
    expect(toSpeech('banana', rules).text).toBe('<speak>bAnAnA</speak>');
    expect(toSpeech('banana', rules).text).toBe('<speak>bAnAnA</speak>');
  });
});
