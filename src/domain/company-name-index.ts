import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import {
  addHashed,
  firstHashed,
  type HashMultimap,
  hashMultimap,
  nextHashed,
  valueAt,
} from './hash-multimap.js';
import { hashKeyText, hashWords, sameCompact, sameWords } from './name-key-hash.js';
import { NameKeyReader } from './name-key-reader.js';
import { neighbourWords, type TypoWords, typoHashesOf } from './typo-neighbours.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate } from './word-edit.js';

/**
 * Managed companies by the hash of their name without spaces (equal keys have equal compact keys;
 * comparing the words then tells a same name from one spaced differently), by the hash of their
 * umlaut key, and the words of their names by their one-letter deletions (a symmetric-delete
 * index), so a lookup finds same and similar names without comparing against every company.
 * Build once per diff; treat as opaque.
 */
export interface CompanyNameIndex extends TypoWords {
  readonly size: number;
  readonly companies: readonly ManagedCompany[];
  /** Positions in `companies` by `hashWords(kept, false)`. */
  readonly byCompact: HashMultimap;
  /** Positions by the hash of `altKey` ("mueller" for "Müller"), for the few names that have one. */
  readonly byAltKey: HashMultimap;
  /** Reads plain names' keys without analysing them (see lookUpPlain). */
  readonly reader: NameKeyReader;
  /** Reads the managed names a looked-up name meets, leaving `reader` on the looked-up name. */
  readonly otherReader: NameKeyReader;
  /**
   * Each managed name's kept tokens as the reader read it, `from` at 2 * position and `to` after
   * it; -1 for a name the reader left to the analysis. A name of the same text but for case has
   * the same tokens: these say whether it keeps the same ones without reading it again.
   */
  readonly keptRanges: Int32Array;
  /** The words the reader has met, by hash: each is built as a string once per index. */
  readonly wordsByHash: Map<number, WordEntry>;
}

/** A word the reader met, with the next of the same hash and its neighbours once looked up. */
export interface WordEntry {
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

const NONE_FOUND: readonly Managed[] = [];

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byCompact = hashMultimap(companies.length);
  const altHashes: number[] = [];
  const altPositions: number[] = [];
  const seenWords = new Set<string>();
  const reader = new NameKeyReader();
  const wordsByHash = new Map<number, WordEntry>();
  const keptRanges = new Int32Array(2 * companies.length).fill(-1);
  companies.forEach((company, position) => {
    // Most names are read without their analysis: the hashes are all the index keeps.
    if (reader.read(company.name)) {
      keptRanges[2 * position] = reader.from;
      keptRanges[2 * position + 1] = reader.to;
      if (reader.to === reader.from) return;
      reader.keyHashes();
      addHashed(byCompact, reader.compact, position);
      // A word joins the typo words once, when first met, not at each of its occurrences.
      for (let i = reader.from; i < reader.to; i += 1) {
        if (reader.wordLength(i) >= MIN_TYPO_LENGTH - 1) wordEntry(reader, i, wordsByHash, seenWords);
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
    keptRanges,
    wordsByHash,
  };
}

/** The entry of the reader's kept token `i`, made on first meeting (its word then added to `met`). */
export function wordEntry(
  reader: NameKeyReader,
  i: number,
  map: Map<number, WordEntry>,
  met?: Set<string>,
): WordEntry {
  const hash = reader.wordHash(i);
  const head = map.get(hash) ?? null;
  for (let entry = head; entry !== null; entry = entry.next) if (reader.isWord(i, entry.word)) return entry;
  const entry: WordEntry = { word: reader.word(i), next: head, neighbours: null };
  map.set(hash, entry);
  met?.add(entry.word);
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

function push(map: Map<string, string[]>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}
