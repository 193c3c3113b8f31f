import type { NameToken } from './name-tokens.js';

/**
 * 32-bit hashes of name keys computed from their words' char codes, without building the key: a
 * key is its words joined by spaces (AnalysedName.key), a compact key the same without the spaces.
 * `position` and `word` stand one word in for another (a typo's neighbour); -1 for none. The same
 * key hashes the same whether read from its words or from its text (`hashKeyText`).
 */
export function hashWords(tokens: readonly NameToken[], spaced: boolean, position = -1, word = ''): number {
  let hash = OFFSET;
  for (let i = 0; i < tokens.length; i += 1) {
    if (spaced && i > 0) hash = Math.imul(hash ^ SPACE, PRIME);
    const text = i === position ? word : (tokens[i]?.word ?? '');
    for (let k = 0; k < text.length; k += 1) hash = Math.imul(hash ^ text.charCodeAt(k), PRIME);
  }
  return finish(hash);
}

/** The hash of a key given as text; `spaced` false skips its spaces, as a compact key has none. */
export function hashKeyText(key: string, spaced: boolean): number {
  let hash = OFFSET;
  for (let k = 0; k < key.length; k += 1) {
    const c = key.charCodeAt(k);
    if (spaced || c !== SPACE) hash = Math.imul(hash ^ c, PRIME);
  }
  return finish(hash);
}

/** hashKeyText of `text` without its char at `skip`, without building that text. */
export function hashSkipping(text: string, skip: number): number {
  let hash = OFFSET;
  for (let k = 0; k < text.length; k += 1) if (k !== skip) hash = Math.imul(hash ^ text.charCodeAt(k), PRIME);
  return finish(hash);
}

/** Whether two names have the same words (so the same key), one of `a`'s stood in as above. */
export function sameWords(
  a: readonly NameToken[],
  b: readonly NameToken[],
  position = -1,
  word = '',
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    if ((i === position ? word : a[i]?.word) !== b[i]?.word) return false;
  }
  return true;
}

/** Whether two names' words spell the same letters once the spaces are taken out. */
export function sameCompact(
  a: readonly NameToken[],
  b: readonly NameToken[],
  position = -1,
  word = '',
): boolean {
  let ai = 0;
  let ak = 0;
  let bi = 0;
  let bk = 0;
  let aText = wordAt(a, 0, position, word);
  let bText = wordAt(b, 0, -1, '');
  for (;;) {
    // Words are never empty, so past the end of one word the next one (if any) has a letter.
    while (ak === aText.length && ai < a.length) {
      ai += 1;
      ak = 0;
      aText = wordAt(a, ai, position, word);
    }
    while (bk === bText.length && bi < b.length) {
      bi += 1;
      bk = 0;
      bText = wordAt(b, bi, -1, '');
    }
    const aDone = ai >= a.length;
    const bDone = bi >= b.length;
    if (aDone || bDone) return aDone && bDone;
    if (aText.charCodeAt(ak) !== bText.charCodeAt(bk)) return false;
    ak += 1;
    bk += 1;
  }
}

function wordAt(tokens: readonly NameToken[], i: number, position: number, word: string): string {
  return i === position ? word : (tokens[i]?.word ?? '');
}

/** FNV-1a's start, its prime and the space between words: what every key hash here is made of. */
export const OFFSET = 0x811c9dc5 | 0;
export const PRIME = 0x01000193;
export const SPACE = 0x20;

/** Spreads FNV-1a's bits over the low ones, which pick the slot (murmur3's finaliser). */
export function finish(value: number): number {
  let hash = value ^ (value >>> 16);
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
