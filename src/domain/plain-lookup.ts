import { type AnalysedName, analyseCompanyName, analysePlain } from './company-name.js';
import { type CompanyNameIndex, wordEntry } from './company-name-index.js';
import { firstHashed, type HashMultimap, nextHashed, valueAt } from './hash-multimap.js';
import { neighbourWords } from './typo-neighbours.js';
import { MIN_TYPO_LENGTH } from './word-edit.js';

const NO_POSITIONS: readonly number[] = [];

/** What lookUpPlain found of a plain name: positions in `companies`. */
export interface PlainHits {
  /** Managed names under the name's own key's hash. */
  readonly sameKey: readonly number[];
  /** The kept token a managed word one typo from it stands in for, or -1; that managed word. */
  readonly typoAt: number;
  readonly typoWord: string;
  /** Managed names under the name's key with `typoWord` standing in at `typoAt`. */
  readonly typo: readonly number[];
}

/** No managed name found. */
export const NO_HITS: PlainHits = { sameKey: [], typoAt: -1, typoWord: '', typo: [] };

/**
 * What a plain name meets in the index, read without its analysis: 'unread' when the reader
 * leaves it to the full analysis; 'more' when findHits would find what these hits do not say (a
 * managed name under its spaced key, managed words one typo from more than one of its words);
 * else the managed names under its own key's hash and under its key with one word replaced by a
 * managed word one typo from it, most often none (NO_HITS). The reader stays on the name.
 */
export function lookUpPlain(name: string, index: CompanyNameIndex): PlainHits | 'unread' | 'more' {
  const { reader, byCompact, byAltKey } = index;
  if (!reader.read(name)) return 'unread';
  // No words, no key: such a name matches nothing.
  if (reader.to === reader.from) return NO_HITS;
  reader.keyHashes();
  if (byAltKey.size > 0 && firstHashed(byAltKey, reader.spaced) >= 0) return 'more';
  let typoAt = -1;
  let typoWord = '';
  let typo: readonly number[] = NO_POSITIONS;
  for (let i = reader.from; i < reader.to; i += 1) {
    if (reader.wordLength(i) < MIN_TYPO_LENGTH - 1) continue;
    const entry = wordEntry(reader, i, index.wordsByHash);
    entry.neighbours ??= neighbourWords(entry.word, index);
    for (const word of entry.neighbours) {
      if (byAltKey.size > 0 && firstHashed(byAltKey, reader.hash(true, i, word)) >= 0) return 'more';
      const head = firstHashed(byCompact, reader.hash(false, i, word));
      if (head < 0) continue;
      if (typoAt !== -1) return 'more';
      typoAt = i;
      typoWord = word;
      typo = positionsFrom(byCompact, head);
    }
  }
  const head = firstHashed(byCompact, reader.compact);
  const sameKey = head < 0 ? NO_POSITIONS : positionsFrom(byCompact, head);
  if (sameKey.length === 0 && typoAt === -1) return NO_HITS;
  return { sameKey, typoAt, typoWord, typo };
}

function positionsFrom(map: HashMultimap, head: number): number[] {
  const positions: number[] = [];
  for (let e = head; e >= 0; e = nextHashed(map, e)) positions.push(valueAt(map, e));
  return positions;
}

/**
 * The analysis of a name lookUpPlain just looked at: from the reader's spans when it found the name
 * plain, so a name with hits is scanned once.
 */
export function analyseLookedUp(name: string, index: CompanyNameIndex): AnalysedName {
  const { spans } = index.reader;
  return spans.plain && spans.name === name ? analysePlain(spans) : analyseCompanyName(name);
}
