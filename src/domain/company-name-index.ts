import { type AnalysedName, analyseCompanyName, analysePlain } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import {
  addHashed,
  firstHashed,
  type HashMultimap,
  hashMultimap,
  nextHashed,
  valueAt,
} from './hash-multimap.js';
import { hashKeyText, hashSkipping, hashWords, sameCompact, sameWords } from './name-key-hash.js';
import { NameKeyReader } from './name-key-reader.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate, wordEdit } from './word-edit.js';

/**
 * Managed companies by the hash of their name without spaces (equal keys have equal compact keys;
 * comparing the words then tells a same name from one spaced differently), by the hash of their
 * umlaut key, and the words of their names by their one-letter deletions (a symmetric-delete
 * index), so a lookup finds same and similar names without comparing against every company.
 * Build once per diff; treat as opaque.
 */
export interface CompanyNameIndex {
  readonly size: number;
  readonly companies: readonly ManagedCompany[];
  /** Positions in `companies` by `hashWords(kept, false)`. */
  readonly byCompact: HashMultimap;
  /** Positions by the hash of `altKey` ("mueller" for "Müller"), for the few names that have one. */
  readonly byAltKey: HashMultimap;
  /** Words of managed names that may take part in a typo (four letters or more, no digits). */
  readonly words: ReadonlySet<string>;
  /** One-letter deletions of the words of five letters or more, to those words. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
  /** The hashes of `words` and of `byDeletion`'s keys, to refuse most words without strings. */
  readonly typoHashes: ReadonlySet<number>;
  /** Words one typo away from a looked-up word, filled as lookups go (names repeat words). */
  readonly neighbours: Map<string, readonly string[]>;
  /** Reads plain names' keys without analysing them (see lookUpPlain). */
  readonly reader: NameKeyReader;
  /** Reads the managed names a looked-up name meets, leaving `reader` on the looked-up name. */
  readonly otherReader: NameKeyReader;
  /** The words the reader has met, by hash: each is built as a string once per index. */
  readonly wordsByHash: Map<number, WordEntry>;
}

/** A word the reader met, with the next of the same hash and its neighbours once looked up. */
interface WordEntry {
  readonly word: string;
  readonly next: WordEntry | null;
  neighbours: readonly string[] | null;
}

/** A managed company with its name analysed. */
export interface Managed {
  readonly company: ManagedCompany;
  readonly name: AnalysedName;
}

/** A managed company found by a key; `position` null for the name's key, -1 for its compact key. */
export interface Hit {
  readonly managed: Managed;
  readonly position: number | null;
  /** For a typo: the managed word at `position`. */
  readonly word: string;
}

const NO_WORDS: readonly string[] = [];
const NO_POSITIONS: readonly number[] = [];
const NONE_FOUND: readonly Managed[] = [];

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byCompact = hashMultimap(companies.length);
  const altHashes: number[] = [];
  const altPositions: number[] = [];
  const seenWords = new Set<string>();
  const reader = new NameKeyReader();
  const wordsByHash = new Map<number, WordEntry>();
  companies.forEach((company, position) => {
    // Most names are read without their analysis: the hashes are all the index keeps.
    if (reader.read(company.name)) {
      if (reader.to === reader.from) return;
      addHashed(byCompact, reader.hash(false), position);
      for (let i = reader.from; i < reader.to; i += 1) {
        if (reader.wordLength(i) >= MIN_TYPO_LENGTH - 1)
          seenWords.add(wordEntry(reader, i, wordsByHash).word);
      }
      return;
    }
    const name = analyseCompanyName(company.name);
    // A name without letters or digits says nothing about identity; it matches nothing.
    if (name.kept.length === 0) return;
    addHashed(byCompact, hashWords(name.kept, false), position);
    if (name.altKey !== null && name.altKey !== name.key) {
      altHashes.push(hashKeyText(name.altKey, true));
      altPositions.push(position);
    }
    for (const { word } of name.kept) if (word.length >= MIN_TYPO_LENGTH - 1) seenWords.add(word);
  });
  const byAltKey = hashMultimap(altHashes.length);
  altHashes.forEach((hash, i) => {
    addHashed(byAltKey, hash, altPositions[i] ?? -1);
  });
  const words = new Set<string>();
  for (const word of seenWords) if (typoCandidate(word)) words.add(word);
  const byDeletion = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_TYPO_LENGTH) continue;
    for (const variant of deletions(word)) push(byDeletion, variant, word);
  }
  return {
    size: companies.length,
    companies,
    byCompact,
    byAltKey,
    words,
    byDeletion,
    typoHashes: typoHashesOf(words, byDeletion),
    neighbours: new Map(),
    reader,
    otherReader: new NameKeyReader(),
    wordsByHash,
  };
}

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

/** The entry of the reader's kept token `i`, made on first meeting. */
function wordEntry(reader: NameKeyReader, i: number, map: Map<number, WordEntry>): WordEntry {
  const hash = reader.wordHash(i);
  const head = map.get(hash) ?? null;
  for (let entry = head; entry !== null; entry = entry.next) if (reader.isWord(i, entry.word)) return entry;
  const entry: WordEntry = { word: reader.word(i), next: head, neighbours: null };
  map.set(hash, entry);
  return entry;
}

/**
 * The managed companies a name may be a duplicate of, each the way it was found: same names
 * first, then spacing, then typos (a company found several ways is taken the first way). The
 * managed names found are analysed here rather than kept from the index: an analysis kept per
 * managed company outlives the young generation, and the garbage collector copying 100,000 of
 * them costs more than analysing the few that turn up.
 */
export function findHits(name: AnalysedName, index: CompanyNameIndex): Hit[] {
  const hits: Hit[] = [];
  // Names spaced differently come after the same names; rare, so the list is made when needed.
  let spaced: Hit[] | null = null;
  const { kept } = name;
  const { byCompact, byAltKey } = index;
  for (let e = firstHashed(byCompact, hashWords(kept, false)); e >= 0; e = nextHashed(byCompact, e)) {
    const managed = managedAt(index, valueAt(byCompact, e));
    // Equal hashes, so almost surely the same letters; the words say same name or other spacing.
    if (managed === null || !sameCompact(kept, managed.name.kept)) continue;
    if (sameWords(kept, managed.name.kept)) hits.push({ managed, position: null, word: '' });
    else {
      spaced = spaced ?? [];
      spaced.push({ managed, position: -1, word: '' });
    }
  }
  if (byAltKey.size > 0) {
    for (const managed of found(index, byAltKey, hashWords(kept, true))) {
      if (managed.name.altKey === name.key) hits.push({ managed, position: null, word: '' });
    }
  }
  const { altKey } = name;
  if (altKey !== null) {
    for (const managed of found(index, byCompact, hashKeyText(altKey, false))) {
      if (managed.name.key === altKey) hits.push({ managed, position: null, word: '' });
    }
    for (const managed of found(index, byAltKey, hashKeyText(altKey, true))) {
      if (managed.name.altKey === altKey) hits.push({ managed, position: null, word: '' });
    }
  }
  if (spaced !== null) for (const hit of spaced) hits.push(hit);
  for (let position = 0; position < kept.length; position += 1) {
    for (const word of neighbourWords(kept[position]?.word ?? '', index)) {
      const compact = found(index, byCompact, hashWords(kept, false, position, word));
      const alt =
        byAltKey.size === 0 ? NONE_FOUND : found(index, byAltKey, hashWords(kept, true, position, word));
      if (compact.length === 0 && alt.length === 0) continue;
      for (const managed of compact) {
        if (sameWords(kept, managed.name.kept, position, word)) hits.push({ managed, position, word });
      }
      const key =
        alt.length === 0 ? '' : kept.map((other, i) => (i === position ? word : other.word)).join(' ');
      for (const managed of alt) if (managed.name.altKey === key) hits.push({ managed, position, word });
    }
  }
  return hits;
}

/** The companies under `hash`, analysed; callers check their keys (equal hashes, maybe not keys). */
function found(index: CompanyNameIndex, map: HashMultimap, hash: number): readonly Managed[] {
  const head = firstHashed(map, hash);
  // Nearly every lookup finds nothing: those build nothing.
  if (head < 0) return NONE_FOUND;
  const out: Managed[] = [];
  for (let e = head; e >= 0; e = nextHashed(map, e)) {
    const managed = managedAt(index, valueAt(map, e));
    if (managed !== null) out.push(managed);
  }
  return out;
}

function managedAt(index: CompanyNameIndex, position: number): Managed | null {
  const company = index.companies[position];
  return company === undefined ? null : { company, name: analyseCompanyName(company.name) };
}

/** Words of managed names one typo away from `word` (see word-edit.ts), cached in the index. */
function neighbourWords(word: string, index: CompanyNameIndex): readonly string[] {
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

function typoHashesOf(words: ReadonlySet<string>, byDeletion: ReadonlyMap<string, unknown>): Set<number> {
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

function push(map: Map<string, string[]>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}
