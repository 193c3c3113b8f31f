import { finish, OFFSET, PRIME, SPACE } from './name-key-hash.js';
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
 * Where the tokens of a plain name are (see scanPlainSpans), in typed arrays reused from one scan
 * to the next: reading 100,000 names' keys then allocates nothing per token.
 */
export class PlainSpans {
  name = '';
  /** Whether the scan of `name` found it plain (the spans are then its tokens). */
  plain = false;
  count = 0;
  /** No ASCII capital in the name: case then says nothing about legal forms. */
  caseless = true;
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** 1 for single letters joined by dots ("P.C."), whose key is their letters. */
  dotted = new Uint8Array(32);
  hashes = new Int32Array(32);
  /**
   * The key hashes (name-key-hash.ts) of tokens 0 to `i` together, compact and spaced, not yet
   * finished: a name's key hashes are read from here when its kept words start at its first token.
   */
  compactStates = new Int32Array(32);
  spacedStates = new Int32Array(32);

  push(start: number, end: number, dotted: boolean, hash: number, compact: number, spaced: number): void {
    if (this.count === this.starts.length) this.grow();
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.dotted[this.count] = dotted ? 1 : 0;
    this.hashes[this.count] = hash;
    this.compactStates[this.count] = compact;
    this.spacedStates[this.count] = spaced;
    this.count += 1;
  }

  /** hashKeyText of token `i`'s key (name-key-hash.ts), taken as the scan read it. */
  hash(i: number): number {
    return this.hashes[i] ?? 0;
  }

  start(i: number): number {
    return this.starts[i] ?? 0;
  }

  end(i: number): number {
    return this.ends[i] ?? 0;
  }

  isDotted(i: number): boolean {
    return this.dotted[i] === 1;
  }

  /** `end`, plus a directly following ".", as NameToken.quoteEnd. */
  quoteEnd(i: number): number {
    const end = this.end(i);
    return end < this.name.length && this.name.charCodeAt(end) === 0x2e ? end + 1 : end;
  }

  text(i: number): string {
    return this.name.slice(this.start(i), this.end(i));
  }

  /** The token's key as NameToken.key: lower case, a dotted token's letters only. */
  key(i: number): string {
    const text = this.text(i);
    if (this.isDotted(i)) return text.replaceAll('.', '').toLowerCase();
    return this.caseless ? text : text.toLowerCase();
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const dotted = new Uint8Array(size);
    const hashes = new Int32Array(size);
    const compactStates = new Int32Array(size);
    const spacedStates = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    dotted.set(this.dotted);
    hashes.set(this.hashes);
    compactStates.set(this.compactStates);
    spacedStates.set(this.spacedStates);
    this.starts = starts;
    this.ends = ends;
    this.dotted = dotted;
    this.hashes = hashes;
    this.compactStates = compactStates;
    this.spacedStates = spacedStates;
  }
}

/**
 * Reads the tokens of a name of plain ASCII words, spaces, commas and final dots (most names) into
 * `spans`, as `tokenise` reads them; false for any other name (Unicode, other punctuation, notes),
 * which takes the full analysis. Such a name has no notes and needs no folding, so its analysis is
 * built from these tokens directly: matching 100,000 names against 100,000 must stay under a second.
 */
export function scanPlainSpans(name: string, spans: PlainSpans): boolean {
  spans.name = name;
  spans.plain = false;
  spans.count = 0;
  spans.caseless = true;
  const length = name.length;
  // The whole name's key hashes so far (see PlainSpans.compactStates), read as the words are.
  let compact = OFFSET;
  let spaced = OFFSET;
  let i = 0;
  while (i < length) {
    const c = name.charCodeAt(i);
    if (c === 0x20 || c === 0x2c) {
      i += 1;
      continue;
    }
    // A dot inside a word ("P.C.", "acme.com") is for the full tokeniser.
    if (c === 0x2e && !isAlnum(codeAt(name, i + 1))) {
      i += 1;
      continue;
    }
    if (!isAlnum(c)) return false;
    const dottedEnd = dottedInitials(name, i);
    // The word is read once: its end, its case and the hash of its key (lower case, no dots).
    let hash = OFFSET;
    if (spans.count > 0) spaced = Math.imul(spaced ^ SPACE, PRIME);
    let j = i;
    for (const end = dottedEnd > 0 ? dottedEnd : length; j < end; j += 1) {
      const d = name.charCodeAt(j);
      if (d === 0x2e && dottedEnd > 0) continue;
      if (!isAlnum(d)) break;
      if (isCapital(d)) spans.caseless = false;
      const lower = isCapital(d) ? d + 0x20 : d;
      hash = Math.imul(hash ^ lower, PRIME);
      compact = Math.imul(compact ^ lower, PRIME);
      spaced = Math.imul(spaced ^ lower, PRIME);
    }
    spans.push(i, j, dottedEnd > 0, finish(hash), compact, spaced);
    i = j;
  }
  const last = spans.count - 1;
  // Sorting prefixes ("zz Acme") and notes in capitals are notes: the full analysis reads them.
  if (last >= 0) {
    if (spans.isDotted(0) ? sortingPrefix(spans.key(0), 0) : sortingPrefix(name, spans.start(0)))
      return false;
    if (capitalised(name, spans.start(last)) && CAPS_NOTES.has(spans.text(last))) return false;
  }
  spans.plain = true;
  return true;
}

const SHARED = new PlainSpans();

/** The tokens scanPlainSpans finds, as NameTokens; null for a name it leaves to the full analysis. */
export function scanPlainName(name: string): NameToken[] | null {
  return scanPlainSpans(name, SHARED) ? plainTokens(SHARED) : null;
}

/** The tokens of a plain name, from its spans. */
export function plainTokens(spans: PlainSpans): NameToken[] {
  const { name } = spans;
  const tokens: NameToken[] = [];
  // One lower-casing for the whole name; its words are sliced from it.
  const lower = spans.caseless ? name : name.toLowerCase();
  for (let t = 0; t < spans.count; t += 1) {
    const start = spans.start(t);
    const end = spans.end(t);
    const dotted = spans.isDotted(t);
    const key = dotted ? lettersOf(lower, start, end) : lower.slice(start, end);
    tokens.push({
      text: name.slice(start, end),
      key,
      word: wordFor(key),
      start,
      end,
      quoteEnd: spans.quoteEnd(t),
      connector: false,
      dotted,
    });
  }
  return tokens;
}

/**
 * Where single letters joined by dots ("P.C.", "L.L.C.") end, with a final dot, as the full
 * tokeniser reads them; 0 when none starts at `i`. A slash ("A/S") is left to the full analysis.
 */
function dottedInitials(name: string, i: number): number {
  if (codeAt(name, i + 1) !== 0x2e || !isLetter(name.charCodeAt(i))) return 0;
  if (!isLetter(codeAt(name, i + 2)) || isAlnum(codeAt(name, i + 3))) return 0;
  let j = i + 3;
  while (codeAt(name, j) === 0x2e && isLetter(codeAt(name, j + 1)) && !isAlnum(codeAt(name, j + 2))) j += 2;
  if (codeAt(name, j) === 0x2e && !isAlnum(codeAt(name, j + 1))) j += 1;
  return j;
}

/**
 * The char code at `i`, or -1 past the end: reading past it gives NaN, which takes the scan off
 * its small-integer code in the engine, and made it several times slower.
 */
function codeAt(name: string, i: number): number {
  return i < name.length ? name.charCodeAt(i) : -1;
}

/** The letters of lower-case `text[from..to)`, without its dots. */
function lettersOf(text: string, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k += 1) if (text.charCodeAt(k) !== 0x2e) out += text[k];
  return out;
}

/** Whether the text at `i` starts like "zz" or "xx" (any case), as sorting prefixes do. */
function sortingPrefix(name: string, i: number): boolean {
  const c = name.charCodeAt(i) | 0x20;
  return (c === 0x7a || c === 0x78) && (codeAt(name, i + 1) | 0x20) === c;
}

/**
 * Whether the word at `i` starts with two capitals, as every word of CAPS_NOTES does: most last
 * words do not, and are then not looked up at all.
 */
function capitalised(name: string, i: number): boolean {
  const a = name.charCodeAt(i);
  const b = codeAt(name, i + 1);
  return a >= 0x41 && a <= 0x5a && b >= 0x41 && b <= 0x5a;
}

function isCapital(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAlnum(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39);
}
