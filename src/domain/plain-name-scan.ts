import { type NameToken, wordFor } from './name-tokens.js';

// Words that end a name as a note in capitals ("Acme OLD", see name-notes.ts): such names take
// the full analysis.
const CAPS_NOTES: ReadonlySet<string> = new Set([
  'OLD',
  'INACTIVE',
  'USE',
  'DNU',
  'DUPLICATE',
  'DUP',
  'CLOSED',
  'ARCHIVED',
  'DELETED',
  'OBSOLETE',
  'LEGACY',
  'DEFUNCT',
  'UNUSED',
]);

/**
 * The tokens of a name of plain ASCII words, spaces, commas and final dots (most names), as
 * `tokenise` reads them, by a scan of its own; null for any other name (Unicode, other
 * punctuation, notes), which takes the full analysis. Such a name has no notes and needs no
 * folding, so its analysis is built from these tokens directly: matching 100,000 names against
 * 100,000 must stay under a second.
 */
export function scanPlainName(name: string): NameToken[] | null {
  const tokens: NameToken[] = [];
  const length = name.length;
  // One lower-casing for the whole name; its words are sliced from it.
  const lower = name.toLowerCase();
  const caseless = lower === name;
  let i = 0;
  while (i < length) {
    const c = name.charCodeAt(i);
    if (c === 0x20 || c === 0x2c) {
      i += 1;
      continue;
    }
    // A dot inside a word ("P.C.", "acme.com") is for the full tokeniser.
    if (c === 0x2e && !isAlnum(name.charCodeAt(i + 1))) {
      i += 1;
      continue;
    }
    if (!isAlnum(c)) return null;
    const dottedEnd = dottedInitials(name, i);
    const dotted = dottedEnd > 0;
    let j = i + 1;
    if (dotted) j = dottedEnd;
    else while (isAlnum(name.charCodeAt(j))) j += 1;
    const text = name.slice(i, j);
    const key = dotted ? lettersOf(lower, i, j) : caseless ? text : lower.slice(i, j);
    const quoteEnd = name.charCodeAt(j) === 0x2e ? j + 1 : j;
    tokens.push({
      text,
      key,
      word: wordFor(key),
      start: i,
      end: j,
      quoteEnd,
      connector: false,
      dotted,
    });
    i = j;
  }
  const firstToken = tokens[0];
  const lastToken = tokens[tokens.length - 1];
  if (firstToken === undefined || lastToken === undefined) return tokens;
  // Sorting prefixes ("zz Acme") and notes in capitals are notes: the full analysis reads them.
  if (sortingPrefix(firstToken.key) || (capitalised(lastToken.text) && CAPS_NOTES.has(lastToken.text)))
    return null;

  return tokens;
}

/**
 * Where single letters joined by dots ("P.C.", "L.L.C.") end, with a final dot, as the full
 * tokeniser reads them; 0 when none starts at `i`. A slash ("A/S") is left to the full analysis.
 */
function dottedInitials(name: string, i: number): number {
  if (!isLetter(name.charCodeAt(i)) || name.charCodeAt(i + 1) !== 0x2e) return 0;
  if (!isLetter(name.charCodeAt(i + 2)) || isAlnum(name.charCodeAt(i + 3))) return 0;
  let j = i + 3;
  while (name.charCodeAt(j) === 0x2e && isLetter(name.charCodeAt(j + 1)) && !isAlnum(name.charCodeAt(j + 2)))
    j += 2;
  if (name.charCodeAt(j) === 0x2e && !isAlnum(name.charCodeAt(j + 1))) j += 1;
  return j;
}

/** The letters of lower-case `text[from..to)`, without its dots. */
function lettersOf(text: string, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k += 1) if (text.charCodeAt(k) !== 0x2e) out += text[k];
  return out;
}

/** Whether a word starts like "zz" or "xx" (any case), as sorting prefixes do. */
function sortingPrefix(key: string): boolean {
  const c = key.charCodeAt(0);
  return (c === 0x7a || c === 0x78) && key.charCodeAt(1) === c;
}

/**
 * Whether a word starts with two capitals, as every word of CAPS_NOTES does: most last words do
 * not, and are then not looked up at all.
 */
function capitalised(text: string): boolean {
  const a = text.charCodeAt(0);
  const b = text.charCodeAt(1);
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39);
}
