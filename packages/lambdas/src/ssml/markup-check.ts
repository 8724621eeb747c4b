import { NOT_XML_CHARACTER } from './xml-text';

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
