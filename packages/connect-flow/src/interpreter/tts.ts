/**
 * How long text-to-speech takes. Connect gives no duration, so the interpreter estimates: a fixed time per spoken
 * character (options.ttsMsPerCharacter, default 60 ms ≈ 170 words a minute), plus SSML breaks summed exactly.
 */

export interface Utterance {
  /** What the caller hears (SSML tags removed, entities decoded, whitespace collapsed). */
  readonly text: string;
  readonly durationMs: number;
}

export class InvalidSsmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSsmlError';
  }
}

/** Plain text (the Text parameter): every character is spoken, even `<speak>` tags, as Connect reads them aloud. */
export function plainTextUtterance(text: string, msPerCharacter: number): Utterance {
  return { text, durationMs: text.length * msPerCharacter };
}

// Polly's pauses for <break strength="…"/> (medium when the tag has neither time nor strength) — our estimate.
const BREAK_STRENGTH_MS: Readonly<Record<string, number>> = {
  none: 0,
  'x-weak': 100,
  weak: 200,
  medium: 400,
  strong: 700,
  'x-strong': 1000,
};
// Polly caps a single break at 10 s.
const MAX_BREAK_MS = 10_000;
const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Parses the SSML parameter the way Polly would accept it: one `<speak>` root, balanced tags, only XML entities.
 * Throws InvalidSsmlError (Connect then takes the error branch), e.g. for GenerativeAgent text with a bare `&`.
 */
export function ssmlUtterance(ssml: string, msPerCharacter: number): Utterance {
  const markup = ssml.trim();
  const open: string[] = [];
  let rootSeen = false;
  let breakMs = 0;
  let spoken = '';
  let position = 0;
  for (const tag of markup.matchAll(TAG)) {
    const [whole, closing, name = '', attributes = '', selfClosing] = tag;
    const between = markup.slice(position, tag.index);
    position = tag.index + whole.length;
    if (open.length === 0) {
      // Outside the root only the one opening <speak> may appear.
      if (rootSeen) throw new InvalidSsmlError('content after </speak>');
      if (between.trim() !== '' || name !== 'speak' || closing || selfClosing) {
        throw new InvalidSsmlError('SSML must be one <speak>…</speak> element');
      }
      rootSeen = true;
    } else {
      spoken += textOf(between);
    }
    if (closing) {
      const expected = open.pop();
      if (expected !== name) throw new InvalidSsmlError(`</${name}> closes <${expected}>`);
    } else if (!selfClosing) {
      open.push(name);
    }
    if (name === 'break') breakMs += breakDuration(attributes);
  }
  if (!rootSeen) throw new InvalidSsmlError('SSML must be one <speak>…</speak> element');
  if (open.length > 0) throw new InvalidSsmlError(`<${open.join('>, <')}> not closed`);
  if (markup.slice(position).trim() !== '') throw new InvalidSsmlError('content after </speak>');
  const text = spoken.replace(/\s+/g, ' ').trim();
  return { text, durationMs: text.length * msPerCharacter + breakMs };
}

/** Character data between tags, entities decoded; a stray `<` or a bare `&` is not XML. */
function textOf(raw: string): string {
  const lessThan = raw.indexOf('<');
  if (lessThan >= 0) throw new InvalidSsmlError(`malformed tag near "${raw.slice(lessThan, lessThan + 20)}"`);
  if (raw.replace(ENTITY, '').includes('&')) throw new InvalidSsmlError('a bare "&" must be written &amp;');
  return raw.replace(ENTITY, (_entity, name?: string, decimal?: string, hex?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? '';
    return String.fromCodePoint(decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16));
  });
}

function breakDuration(attributes: string): number {
  const time = /\btime\s*=\s*["']\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*["']/.exec(attributes);
  if (time) {
    const [, amount = '0', unit] = time;
    return Math.min(MAX_BREAK_MS, Number(amount) * (unit === 's' ? 1000 : 1));
  }
  const strength = /\bstrength\s*=\s*["']([\w-]+)["']/.exec(attributes)?.[1] ?? 'medium';
  const ms = BREAK_STRENGTH_MS[strength];
  if (ms === undefined) throw new InvalidSsmlError(`unknown break strength "${strength}"`);
  return ms;
}
