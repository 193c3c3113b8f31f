import { hashKeyText, hashSkipping } from './name-key-hash.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate, wordEdit } from './word-edit.js';

/** What neighbourWords reads of the name index (company-name-index.ts). */
export interface TypoWords {
  /** Words of managed names that may take part in a typo (four letters or more, no digits). */
  readonly words: ReadonlySet<string>;
  /** One-letter deletions of the words of five letters or more, to those words. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
  /** The hashes of `words` and of `byDeletion`'s keys, to refuse most words without strings. */
  readonly typoHashes: ReadonlySet<number>;
  /** Words one typo away from a looked-up word, filled as lookups go (names repeat words). */
  readonly neighbours: Map<string, readonly string[]>;
}

const NO_WORDS: readonly string[] = [];

/** Words of managed names one typo away from `word` (see word-edit.ts), cached in the index. */
export function neighbourWords(word: string, index: TypoWords): readonly string[] {
  // Shorter words take no part in a typo (see typoCandidate); this spares a lookup per word.
  if (word.length < MIN_TYPO_LENGTH - 1) return NO_WORDS;
  const cached = index.neighbours.get(word);
  if (cached !== undefined) return cached;
  if (!typoCandidate(word) || !mayHaveNeighbours(word, index.typoHashes)) {
    index.neighbours.set(word, NO_WORDS);
    return NO_WORDS;
  }
  const seen = new Set<string>();
  // The PSA spelling lacks a letter: it is a deletion of a managed word.
  for (const longer of index.byDeletion.get(word) ?? []) seen.add(longer);
  for (const variant of word.length >= MIN_TYPO_LENGTH ? deletions(word) : []) {
    // The PSA spelling has an extra letter: a deletion of it is a managed word.
    if (index.words.has(variant)) seen.add(variant);
    // A letter replaced or two swapped: both share a deletion.
    for (const other of index.byDeletion.get(variant) ?? []) seen.add(other);
  }
  seen.delete(word);
  const result = [...seen].filter((other) => wordEdit(word, other) !== null);
  index.neighbours.set(word, result);
  return result;
}

export function typoHashesOf(
  words: ReadonlySet<string>,
  byDeletion: ReadonlyMap<string, unknown>,
): Set<number> {
  const hashes = new Set<number>();
  for (const word of words) hashes.add(hashKeyText(word, true));
  for (const variant of byDeletion.keys()) hashes.add(hashKeyText(variant, true));
  return hashes;
}

/**
 * Whether neighbourWords may find anything for `word`: whether the word, or one of its deletions,
 * hashes like a managed word or a deletion of one. Most words of an import are no typo of a
 * managed word, and are refused here without building their deletions.
 */
function mayHaveNeighbours(word: string, hashes: ReadonlySet<number>): boolean {
  if (hashes.has(hashKeyText(word, true))) return true;
  if (word.length < MIN_TYPO_LENGTH) return false;
  // The deletions' hashes (see deletions in word-edit.ts), read from the word's chars.
  for (let skip = 1; skip < word.length; skip += 1) {
    if (hashes.has(hashSkipping(word, skip))) return true;
  }
  return false;
}
