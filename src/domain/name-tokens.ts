import { foldText } from './text-fold.js';

export { foldText, stripAccents } from './text-fold.js';

/** One word of a company name, with where it sits in the (NFC) text it came from. */
export interface NameToken {
  /** As written, without the separators around it. */
  readonly text: string;
  /** Folded (see foldText) with inner punctuation dropped; "and" for "&" and "+". */
  readonly key: string;
  /** The key with a known short spelling written out ("st" → "saint"); what names compare by. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
  /** `end`, plus a directly following ".", so quotes read "Inc." rather than "Inc". */
  readonly quoteEnd: number;
  /** "&", "+" and their full-width forms, all read as "and". */
  readonly connector: boolean;
  /** Single letters joined by dots or slashes ("L.L.C.", "S.p.A.", "A/S"). */
  readonly dotted: boolean;
}

// Dotted abbreviations come first so "L.L.C." is one token, like "LLC", and not "l l c".
const TOKEN =
  /(?<![\p{L}\p{N}\p{M}])\p{L}\p{M}*(?:[./]\p{L}\p{M}*)+\.?(?![\p{L}\p{N}\p{M}])|[\p{L}\p{N}\p{M}]+(?:['’`][\p{L}\p{N}\p{M}]+)*|[&+＆＋﹠﹢]/gu;
const CONNECTOR = /^[&+＆＋﹠﹢]$/u;
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const PLAIN_WORD = /^[a-z0-9]+$/;
const INITIALS = /^\p{L}{1,3}$/u;

/**
 * Short spellings read as the word they stand for, on both sides, so "St. Mary's" is "Saint
 * Marys" and "Smith Bros" is "Smith Brothers". Only abbreviations with one common reading.
 */
const SPELLINGS: Readonly<Record<string, string>> = {
  st: 'saint',
  mt: 'mount',
  bros: 'brothers',
  intl: 'international',
  natl: 'national',
  mfg: 'manufacturing',
  assn: 'association',
  ctr: 'center',
  centre: 'center',
  co: 'company',
  hldgs: 'holdings',
  univ: 'university',
};

/** The word a token key is read as ("st" → "saint"). */
export function wordFor(key: string): string {
  return SPELLINGS[key] ?? key;
}

/** Splits a name into words; everything that is not a word, an abbreviation or "&"/"+" separates. */
export function tokenise(source: string): NameToken[] {
  const tokens: NameToken[] = [];
  for (const match of source.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index;
    const end = start + text.length;
    const connector = CONNECTOR.test(text);
    const folded = connector ? 'and' : foldText(text);
    const key = PLAIN_WORD.test(folded) ? folded : folded.replace(NOT_ALPHANUMERIC, '');
    if (key === '') continue;
    const dotted = !connector && (text.includes('.') || text.includes('/'));
    const quoteEnd = source[end] === '.' ? end + 1 : end;
    tokens.push({ text, key, word: SPELLINGS[key] ?? key, start, end, quoteEnd, connector, dotted });
  }
  return joinInitials(tokens, source);
}

/**
 * Initials joined by an unspaced "&" are one word: "AT&T" reads "att" like "ATT", "P&G" reads
 * "pg". With spaces ("A & B") or longer words ("Smith&Jones") the "&" stays a connector.
 */
function joinInitials(tokens: NameToken[], source: string): NameToken[] {
  if (!tokens.some((token) => token.connector)) return tokens;
  const out: NameToken[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const left = tokens[i];
    const amp = tokens[i + 1];
    const right = tokens[i + 2];
    if (
      left !== undefined &&
      amp !== undefined &&
      right !== undefined &&
      amp.connector &&
      !left.connector &&
      !right.connector &&
      left.end === amp.start &&
      amp.end === right.start &&
      INITIALS.test(left.text) &&
      INITIALS.test(right.text)
    ) {
      const key = left.key + right.key;
      const text = source.slice(left.start, right.end);
      out.push({ ...right, text, key, word: key, start: left.start, dotted: false });
      i += 2;
    } else if (left !== undefined) {
      out.push(left);
    }
  }
  return out;
}
