// No imports: infra validates SSML_CONVERSIONS at synth with this module (`@genagent-connect/lambdas/ssml`).

/** One rule as configured (ASAPP's `ssmlConversions` entry). */
export interface SsmlConversionRule {
  /** A JavaScript regular expression, compiled with flags `gi` (as ASAPP's PullAction does). */
  readonly searchFor: string;
  /** SSML markup inserted verbatim for each match; `$&`, `$1`…`$99`, `$<name>` insert the (escaped) matched text. */
  readonly replaceWith: string;
}

/** A part of a parsed replacement: markup as written, or a capture group of the match (0 = the whole match). */
export type ReplacementPart = { readonly markup: string } | { readonly group: number | string };

/** One per-environment rewrite of the agent's text, e.g. a pronunciation fix or a `<break>` after a sentence. */
export interface SsmlConversion {
  readonly searchFor: RegExp;
  readonly replacement: readonly ReplacementPart[];
}

export type SsmlConversionParseResult =
  | { readonly ok: true; readonly conversion: SsmlConversion }
  | { readonly ok: false; readonly field: 'searchFor' | 'replaceWith'; readonly problem: string };

export interface SpeechText {
  readonly text: string;
  readonly textType: 'text' | 'ssml';
}

const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Characters XML 1.0 does not allow anywhere (control characters, U+FFFE/U+FFFF, unpaired surrogates). */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Stands for an earlier conversion's markup in the text later conversions search. It is not an XML character, so it
 * can never be part of the (cleaned) agent text, and a match containing it would cut through that markup.
 */
const MARKUP_PLACEHOLDER = '\uFFFF';

/** Escapes the five XML special characters and drops characters XML cannot carry, so any text fits in SSML. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHARACTER, '').replace(/[&<>"']/g, (character) => XML_ESCAPES[character] ?? character);
}

const NAME = /[A-Za-z_:][A-Za-z0-9_.:-]*/y;
const SPACE = /[ \t\r\n]*/y;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});/y;
const TEXT = /[^<&]+/y;
const ATTRIBUTE_TEXT = { '"': /[^<&"]+/y, "'": /[^<&']+/y } as const;

/** A tiny cursor over markup, for the well-formedness check below. */
class MarkupReader {
  index = 0;
  constructor(readonly markup: string) {}

  get done(): boolean {
    return this.index >= this.markup.length;
  }

  peek(text: string): boolean {
    return this.markup.startsWith(text, this.index);
  }

  take(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.index;
    const match = pattern.exec(this.markup);
    if (!match) return undefined;
    this.index += match[0].length;
    return match[0];
  }

  expect(text: string, what: string): void {
    if (!this.peek(text)) throw new MarkupError(`expected ${what} at character ${this.index + 1}`);
    this.index += text.length;
  }
}

class MarkupError extends Error {}

function checkReference(reader: MarkupReader): void {
  const reference = reader.take(REFERENCE);
  if (!reference) {
    throw new MarkupError(
      `"&" at character ${reader.index + 1} starts no entity: write &amp; (or &lt; &gt; &quot; &apos; &#NN;)`,
    );
  }
  if (reference.startsWith('&#')) {
    const codePoint = reference[2] === 'x' ? Number.parseInt(reference.slice(3), 16) : Number(reference.slice(2, -1));
    if (codePoint > 0x10ffff || String.fromCodePoint(codePoint).replace(NOT_XML_CHARACTER, '') === '') {
      throw new MarkupError(`${reference} is not a character XML allows`);
    }
  }
}

function checkStartTag(reader: MarkupReader, open: string[]): void {
  reader.expect('<', '"<"');
  const name = reader.take(NAME);
  if (!name) throw new MarkupError(`expected an element name at character ${reader.index + 1}`);
  const attributes = new Set<string>();
  for (;;) {
    const space = reader.take(SPACE);
    if (reader.peek('/>')) {
      reader.index += 2;
      return;
    }
    if (reader.peek('>')) {
      reader.index += 1;
      open.push(name);
      return;
    }
    const attribute = space ? reader.take(NAME) : undefined;
    if (!attribute) throw new MarkupError(`expected an attribute, "/>" or ">" in <${name}> at character ${reader.index + 1}`);
    if (attributes.has(attribute)) throw new MarkupError(`attribute ${attribute} appears twice in <${name}>`);
    attributes.add(attribute);
    reader.take(SPACE);
    reader.expect('=', `"=" after attribute ${attribute}`);
    reader.take(SPACE);
    const quote = reader.peek('"') ? '"' : reader.peek("'") ? "'" : undefined;
    if (!quote) throw new MarkupError(`expected a quoted value for attribute ${attribute} at character ${reader.index + 1}`);
    reader.index += 1;
    while (!reader.peek(quote)) {
      if (reader.done || reader.peek('<')) throw new MarkupError(`unterminated value of attribute ${attribute}`);
      if (reader.peek('&')) checkReference(reader);
      else reader.take(ATTRIBUTE_TEXT[quote]);
    }
    reader.index += 1;
  }
}

/**
 * Why `markup` is not well-formed XML content made of elements, attributes, text and character/entity references
 * (undefined when it is). Comments, CDATA, processing instructions and non-ASCII names are refused too: SSML needs
 * none of them, and a smaller language is easier to check exactly.
 */
export function markupProblem(markup: string): string | undefined {
  const reader = new MarkupReader(markup);
  const open: string[] = [];
  try {
    const invalid = markup.match(NOT_XML_CHARACTER);
    if (invalid) throw new MarkupError(`U+${invalid[0].codePointAt(0)?.toString(16).toUpperCase()} is not a character XML allows`);
    if (markup.includes(']]>')) throw new MarkupError('"]]>" is not allowed in XML text: write ]]&gt;');
    while (!reader.done) {
      if (reader.peek('</')) {
        reader.index += 2;
        const name = reader.take(NAME);
        const expected = open.pop();
        if (name === undefined || name !== expected) {
          throw new MarkupError(expected ? `</${name ?? ''}> closes <${expected}>` : `</${name ?? ''}> closes nothing`);
        }
        reader.take(SPACE);
        reader.expect('>', `">" to end </${name}>`);
      } else if (reader.peek('<!') || reader.peek('<?')) {
        throw new MarkupError('comments, CDATA sections and processing instructions are not supported');
      } else if (reader.peek('<')) {
        checkStartTag(reader, open);
      } else if (reader.peek('&')) {
        checkReference(reader);
      } else {
        reader.take(TEXT);
      }
    }
    if (open.length > 0) throw new MarkupError(`<${open.at(-1)}> is never closed`);
    return undefined;
  } catch (error) {
    if (error instanceof MarkupError) return error.message;
    throw error;
  }
}

interface GroupNames {
  readonly count: number;
  readonly names: ReadonlySet<string>;
}

function groupsOf(searchFor: RegExp): GroupNames {
  // An alternative that matches the empty string reveals how many groups (and which names) the pattern has.
  const match = new RegExp(`${searchFor.source}|`).exec('') as RegExpExecArray;
  return { count: match.length - 1, names: new Set(Object.keys(match.groups ?? {})) };
}

/**
 * Splits a replacement into markup and group references with String.prototype.replace's rules (`$$`, `$&`, `$n`,
 * `$nn`, `$<name>`; a `$` that refers to nothing stays as written), so rules written for ASAPP's Lambda keep their
 * meaning. `` $` `` and `$'` (the text before/after the match) are refused: with earlier replacements in between they
 * would have no clear meaning.
 */
function parseReplacement(replaceWith: string, groups: GroupNames): ReplacementPart[] | string {
  const parts: ReplacementPart[] = [];
  let markup = '';
  const group = (reference: number | string) => {
    if (markup) parts.push({ markup });
    markup = '';
    parts.push({ group: reference });
  };
  for (let index = 0; index < replaceWith.length; index++) {
    const character = replaceWith[index] as string;
    const next = replaceWith[index + 1] ?? '';
    if (character !== '$') {
      markup += character;
    } else if (next === '$') {
      markup += '$';
      index++;
    } else if (next === '&') {
      group(0);
      index++;
    } else if (next === '`' || next === "'") {
      return `$${next} (the text before/after the match) is not supported: use $& or capture groups`;
    } else if (/[0-9]/.test(next)) {
      const two = Number(replaceWith.slice(index + 1, index + 3));
      const one = Number(next);
      if (/^[0-9]{2}$/.test(replaceWith.slice(index + 1, index + 3)) && two >= 1 && two <= groups.count) {
        group(two);
        index += 2;
      } else if (one >= 1 && one <= groups.count) {
        group(one);
        index++;
      } else {
        markup += character;
      }
    } else if (next === '<' && groups.names.size > 0) {
      const end = replaceWith.indexOf('>', index + 2);
      const name = end === -1 ? undefined : replaceWith.slice(index + 2, end);
      if (name === undefined || !groups.names.has(name)) {
        return `$<${name ?? replaceWith.slice(index + 2)}${end === -1 ? '' : '>'} names no group of searchFor (its groups: ${[...groups.names].join(', ')})`;
      }
      group(name);
      index = end;
    } else {
      markup += character;
    }
  }
  if (markup) parts.push({ markup });
  return parts;
}

/**
 * Compiles a rule once (at configuration time). The replacement must be well-formed markup, with every group
 * reference where text may stand: it is checked with each reference standing for escaped text.
 */
export function parseSsmlConversion(rule: SsmlConversionRule): SsmlConversionParseResult {
  let searchFor: RegExp;
  try {
    searchFor = new RegExp(rule.searchFor, 'gi');
  } catch (error) {
    return { ok: false, field: 'searchFor', problem: `not a valid regular expression (${(error as Error).message})` };
  }
  const replacement = parseReplacement(rule.replaceWith, groupsOf(searchFor));
  if (typeof replacement === 'string') return { ok: false, field: 'replaceWith', problem: replacement };
  const skeleton = replacement.map((part) => ('markup' in part ? part.markup : '&amp;')).join('');
  const problem = markupProblem(skeleton);
  if (problem) {
    const where = replacement.some((part) => 'group' in part) ? ' (a $ reference counts as text there)' : '';
    return { ok: false, field: 'replaceWith', problem: `not well-formed SSML markup${where}: ${problem}` };
  }
  return { ok: true, conversion: { searchFor, replacement } };
}

/** The agent's text as it is being converted: plain text still to be escaped, and markup already in place. */
interface Piece {
  readonly markup: boolean;
  readonly text: string;
}

function renderReplacement(replacement: readonly ReplacementPart[], match: RegExpExecArray): string {
  return replacement
    .map((part) => {
      if ('markup' in part) return part.markup;
      const captured = typeof part.group === 'number' ? match[part.group] : match.groups?.[part.group];
      return escapeXml(captured ?? '');
    })
    .join('');
}

function applyConversion(pieces: readonly Piece[], { searchFor, replacement }: SsmlConversion): Piece[] {
  const searched = pieces.map((piece) => (piece.markup ? MARKUP_PLACEHOLDER : piece.text)).join('');
  const result: Piece[] = [];
  // A cursor over `searched` and the piece it is in: matches come in order, so one pass over the pieces suffices.
  let cursor = 0;
  let index = 0;
  let pieceStart = 0;
  const lengthOf = (piece: Piece) => (piece.markup ? 1 : piece.text.length);
  const advanceTo = (to: number, keep: boolean) => {
    while (index < pieces.length) {
      const piece = pieces[index] as Piece;
      const pieceEnd = pieceStart + lengthOf(piece);
      if (keep && cursor < to) {
        const text = piece.markup ? piece.text : piece.text.slice(cursor - pieceStart, Math.min(to, pieceEnd) - pieceStart);
        if (text) result.push({ markup: piece.markup, text });
      }
      cursor = Math.min(pieceEnd, to);
      if (pieceEnd > to) break;
      index += 1;
      pieceStart = pieceEnd;
    }
    cursor = to;
  };
  // matchAll works on a copy of the regular expression: no lastIndex is carried from one speak to the next.
  for (const match of searched.matchAll(searchFor)) {
    if (match[0].includes(MARKUP_PLACEHOLDER)) continue;
    advanceTo(match.index, true);
    result.push({ markup: true, text: renderReplacement(replacement, match) });
    advanceTo(match.index + match[0].length, false);
  }
  advanceTo(searched.length, true);
  return result;
}

/**
 * What the flow should speak. Without conversions the agent's text passes unchanged as plain text. With them, each
 * conversion in order matches the agent's raw text (not yet escaped), each match is replaced by the conversion's
 * markup verbatim, the text around the matches is escaped, and the whole is wrapped in `<speak>`: well-formed XML
 * whatever the agent says. Later conversions search only the agent's text: an earlier replacement is one opaque
 * placeholder to them (`^`/`$` still mean the start/end of the whole text), and a match that would include one is
 * left alone.
 */
export function toSpeech(agentText: string, conversions: readonly SsmlConversion[]): SpeechText {
  if (conversions.length === 0) return { text: agentText, textType: 'text' };
  let pieces: Piece[] = [{ markup: false, text: agentText.replace(NOT_XML_CHARACTER, '') }];
  for (const conversion of conversions) pieces = applyConversion(pieces, conversion);
  const ssml = pieces.map((piece) => (piece.markup ? piece.text : escapeXml(piece.text))).join('');
  return { text: `<speak>${ssml}</speak>`, textType: 'ssml' };
}
