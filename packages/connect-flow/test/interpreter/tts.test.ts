import { InvalidSsmlError, plainTextUtterance, ssmlUtterance } from '../../src/interpreter/tts';

describe('plainTextUtterance', () => {
  it('takes msPerCharacter for every character, tags included (Text is never SSML)', () => {
    expect(plainTextUtterance('Hello', 60)).toEqual({ text: 'Hello', durationMs: 300 });
    expect(plainTextUtterance('<speak>Hi</speak>', 10).durationMs).toBe(170);
  });
});

describe('ssmlUtterance', () => {
  it('sums breaks exactly and times only the spoken text', () => {
    expect(ssmlUtterance('<speak>Hello<break time="1s"/> there<break time="400ms"/></speak>', 10)).toEqual({
      text: 'Hello there',
      durationMs: 110 + 1000 + 400,
    });
  });

  it('is pure silence for the module silences', () => {
    expect(ssmlUtterance('<speak><break time="1s"/></speak>', 60)).toEqual({ text: '', durationMs: 1000 });
    expect(ssmlUtterance('<speak><break time="1.5s"/></speak>', 60).durationMs).toBe(1500);
  });

  it('uses strength pauses when a break has no time, and caps a break at 10 s like Polly', () => {
    expect(ssmlUtterance('<speak><break/><break strength="strong"/><break time="20s"/></speak>', 60).durationMs).toBe(400 + 700 + 10_000);
  });

  it('decodes entities and ignores other tags', () => {
    expect(ssmlUtterance("<speak><prosody rate='slow'>Fish &amp; chips &#33;</prosody></speak>", 1).text).toBe('Fish & chips !');
  });

  it.each([
    ['no root', 'Hello'],
    ['text before the root', 'Hi <speak>x</speak>'],
    ['content after the root', '<speak>x</speak> more'],
    ['unclosed tag', '<speak><prosody rate="slow">x</speak>'],
    ['bare ampersand', '<speak>Fish & chips</speak>'],
    ['stray less-than', '<speak>1 < 2</speak>'],
    ['unknown break strength', '<speak><break strength="huge"/></speak>'],
  ])('rejects %s', (_case, ssml) => {
    expect(() => ssmlUtterance(ssml, 60)).toThrow(InvalidSsmlError);
  });
});
