import { markupProblem } from './markup-check';

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
