import type { ReplacementPart, SsmlConversion } from './conversion';
import { escapeXml, NOT_XML_CHARACTER } from './xml-text';

export interface SpeechText {
  readonly text: string;
  readonly textType: 'text' | 'ssml';
}

/**
 * Stands for an earlier conversion's markup in the text later conversions search. It is not an XML character, so it
 * can never be part of the (cleaned) agent text, and a match containing it would cut through that markup.
 */
const MARKUP_PLACEHOLDER = '\uFFFF';

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
