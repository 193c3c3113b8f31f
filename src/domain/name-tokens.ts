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
const ASCII_PUNCTUATION = /[^a-z0-9]/g;
const INITIALS = /^\p{L}{1,3}$/u;
const ASCII = /^[\x20-\x7e]*$/;

/**
 * Short spellings read as the word they stand for, on both sides, so "St. Mary's" is "Saint
 * Marys" and "Smith Bros" is "Smith Brothers". Only abbreviations with one common reading.
 */
const SPELLINGS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

/** The word a token key is read as ("st" → "saint"). */
export function wordFor(key: string): string {
  // Most words are no spelling: their length and first and last letters say so without hashing.
  if (!maySpell(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1))) return key;
  return SPELLINGS.get(key) ?? key;
}

/** Whether a key of this length, first and last char code may be a short spelling (see wordFor). */
export function maySpell(length: number, first: number, last: number): boolean {
  if (length > LONGEST_SPELLING || length < 2 || first >= 0x80 || last >= 0x80) return false;
  return SPELLING_ENDS[first * 0x80 + last] === 1;
}

const LONGEST_SPELLING = Math.max(...[...SPELLINGS.keys()].map((key) => key.length));
// 1 at first * 128 + last for the first and last letters of each short spelling (all ASCII).
const SPELLING_ENDS = new Uint8Array(0x80 * 0x80);
for (const key of SPELLINGS.keys())
  SPELLING_ENDS[key.charCodeAt(0) * 0x80 + key.charCodeAt(key.length - 1)] = 1;

/** Splits a name into words; everything that is not a word, an abbreviation or "&"/"+" separates. */
export function tokenise(source: string): NameToken[] {
  const tokens: NameToken[] = [];
  const ascii = ASCII.test(source);
  const spans = ascii ? asciiSpans(source) : unicodeSpans(source);
  for (let i = 0; i < spans.length; i += 2) {
    const start = spans[i] ?? 0;
    const end = spans[i + 1] ?? 0;
    const text = source.slice(start, end);
    const connector = end - start === 1 && CONNECTOR.test(text);
    const key = connector ? 'and' : ascii ? asciiKey(text) : foldText(text).replace(NOT_ALPHANUMERIC, '');
    if (key === '') continue;
    const dotted = !connector && (text.includes('.') || text.includes('/'));
    const quoteEnd = source.charCodeAt(end) === 0x2e ? end + 1 : end;
    tokens.push({ text, key, word: wordFor(key), start, end, quoteEnd, connector, dotted });
  }
  return joinInitials(tokens, source);
}

/** Start and end of every token, per the TOKEN pattern. */
function unicodeSpans(source: string): number[] {
  const spans: number[] = [];
  for (const match of source.matchAll(TOKEN)) spans.push(match.index, match.index + match[0].length);
  return spans;
}

/**
 * The same spans as TOKEN finds, for printable ASCII, scanned by hand: most names are ASCII and
 * the Unicode pattern costs ten times as much.
 */
function asciiSpans(source: string): number[] {
  const spans: number[] = [];
  const length = source.length;
  let i = 0;
  while (i < length) {
    const c = source.charCodeAt(i);
    if (c === 0x26 || c === 0x2b) {
      spans.push(i, i + 1);
      i += 1;
    } else if (
      isLetter(c) &&
      dotAt(source, i + 1) &&
      isLetter(source.charCodeAt(i + 2)) &&
      !isAlnum(source.charCodeAt(i + 3))
    ) {
      // "L.L.C.", "S.p.A.", "A/S": single letters joined by dots or slashes.
      let j = i + 3;
      while (dotAt(source, j) && isLetter(source.charCodeAt(j + 1)) && !isAlnum(source.charCodeAt(j + 2)))
        j += 2;
      if (source.charCodeAt(j) === 0x2e && !isAlnum(source.charCodeAt(j + 1))) j += 1;
      spans.push(i, j);
      i = j;
    } else if (isAlnum(c)) {
      let j = i + 1;
      for (;;) {
        while (isAlnum(source.charCodeAt(j))) j += 1;
        const next = source.charCodeAt(j);
        if ((next === 0x27 || next === 0x60) && isAlnum(source.charCodeAt(j + 1))) j += 2;
        else break;
      }
      spans.push(i, j);
      i = j;
    } else {
      i += 1;
    }
  }
  return spans;
}

function asciiKey(text: string): string {
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i += 1) {
    if (!isAlnum(lower.charCodeAt(i))) return lower.replace(ASCII_PUNCTUATION, '');
  }
  return lower;
}

function dotAt(source: string, i: number): boolean {
  const c = source.charCodeAt(i);
  return c === 0x2e || c === 0x2f;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39);
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
