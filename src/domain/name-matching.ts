import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import { noteDifference, sameReason, similarReason } from './match-reason.js';
import type { DuplicateCandidate } from './review.js';
import { similarDifference, spacingDifference } from './similar-names.js';
import { compareKeys, sortKey } from './text-order.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate, wordEdit } from './word-edit.js';

export { type NormalisedName, normaliseCompanyName } from './company-name.js';

/** A managed company as indexed: with its key, which tells a same name from one spaced differently. */
interface IndexedCompany {
  readonly company: ManagedCompany;
  readonly key: string;
}

// Index buckets hold one company as itself and several as an array: most keys have one, and
// 200,000 one-element arrays are garbage the collector has to copy.
type Bucket = IndexedCompany | IndexedCompany[];

const NO_ENTRIES: readonly IndexedCompany[] = [];
const NO_WORDS: readonly string[] = [];

function bucketOf(map: ReadonlyMap<string, Bucket>, key: string): readonly IndexedCompany[] {
  const bucket = map.get(key);
  return bucket === undefined ? NO_ENTRIES : Array.isArray(bucket) ? bucket : [bucket];
}

/**
 * Managed companies by name without spaces (one map: equal keys have equal compact keys, and the
 * key kept with each company tells a same name from one spaced differently), by umlaut key, and
 * the words of their names by their one-letter deletions (a symmetric-delete index), so a lookup
 * finds same and similar names without comparing against every company. Build once per diff;
 * treat as opaque.
 */
export interface CompanyNameIndex {
  readonly size: number;
  readonly byCompact: ReadonlyMap<string, Bucket>;
  /** By `altKey` ("mueller" for "Müller"), for the few names that have one. */
  readonly byAltKey: ReadonlyMap<string, Bucket>;
  /** Words of managed names that may take part in a typo (four letters or more, no digits). */
  readonly words: ReadonlySet<string>;
  /** One-letter deletions of the words of five letters or more, to those words. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
  /** Words one typo away from a looked-up word, filled as lookups go (names repeat words). */
  readonly neighbours: Map<string, readonly string[]>;
}

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byCompact = new Map<string, Bucket>();
  const byAltKey = new Map<string, Bucket>();
  const seenWords = new Set<string>();
  for (const company of companies) {
    const name = analyseCompanyName(company.name);
    // A name without letters or digits says nothing about identity; it matches nothing.
    if (name.key === '') continue;
    const entry: IndexedCompany = { company, key: name.key };
    add(byCompact, name.compact, entry);
    if (name.altKey !== null && name.altKey !== name.key) add(byAltKey, name.altKey, entry);
    for (const { word } of name.kept) if (word.length >= MIN_TYPO_LENGTH - 1) seenWords.add(word);
  }
  const words = new Set<string>();
  for (const word of seenWords) if (typoCandidate(word)) words.add(word);
  const byDeletion = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_TYPO_LENGTH) continue;
    for (const variant of deletions(word)) push(byDeletion, variant, word);
  }
  return { size: companies.length, byCompact, byAltKey, words, byDeletion, neighbours: new Map() };
}

/**
 * Managed companies whose name is the same as the PSA name once normalised, or similar to it, each
 * with its strength and its reason; same names first, then by name.
 */
export function findDuplicateCandidates(psaName: string, index: CompanyNameIndex): DuplicateCandidate[] {
  const name = analyseCompanyName(psaName);
  if (name.key === '') return [];
  // Same names first, then spacing, then typos: a company found several ways is taken the first way.
  const hits: Hit[] = [];
  const spaced: Hit[] = [];
  for (const entry of bucketOf(index.byCompact, name.compact)) {
    if (entry.key === name.key) hits.push({ entry, position: null, word: '' });
    else spaced.push({ entry, position: -1, word: '' });
  }
  if (index.byAltKey.size > 0) {
    for (const entry of bucketOf(index.byAltKey, name.key)) hits.push({ entry, position: null, word: '' });
  }
  if (name.altKey !== null) {
    for (const entry of bucketOf(index.byCompact, name.altKey.replaceAll(' ', ''))) {
      if (entry.key === name.altKey) hits.push({ entry, position: null, word: '' });
    }
    for (const entry of bucketOf(index.byAltKey, name.altKey)) hits.push({ entry, position: null, word: '' });
  }
  for (const hit of spaced) hits.push(hit);
  const { kept } = name;
  for (let position = 0; position < kept.length; position += 1) {
    for (const word of neighbourWords(kept[position]?.word ?? '', index)) {
      const swapped = kept.map((other, i) => (i === position ? word : other.word));
      const compact = bucketOf(index.byCompact, swapped.join(''));
      const alt = index.byAltKey.size === 0 ? NO_ENTRIES : bucketOf(index.byAltKey, swapped.join(' '));
      if (compact.length === 0 && alt.length === 0) continue;
      const key = swapped.join(' ');
      for (const entry of compact) if (entry.key === key) hits.push({ entry, position, word });
      for (const entry of alt) hits.push({ entry, position, word });
    }
  }
  const [only] = hits;
  if (only === undefined) return [];
  // Most flagged names have one hit: no dedupe, no sort.
  if (hits.length === 1) {
    const candidate = candidateOf(name, only);
    return candidate === null ? [] : [candidate];
  }

  const found = new Map<string, Found>();
  for (const hit of hits) {
    const { company } = hit.entry;
    if (found.has(company.id)) continue;
    const candidate = candidateOf(name, hit);
    if (candidate !== null)
      found.set(company.id, { entry: company, order: sortKey(company.name), candidate });
  }

  return [...found.values()]
    .sort((a, b) => strengthRank(a.candidate) - strengthRank(b.candidate) || byOrder(a, b))
    .map(({ candidate }) => candidate);
}

/**
 * The candidate a hit makes, if any. The managed name is analysed again here rather than kept from
 * the index: an analysis kept per managed company outlives the young generation, and the garbage
 * collector copying 100,000 of them costs more than analysing the few that turn up as hits.
 */
function candidateOf(name: AnalysedName, { entry, position, word }: Hit): DuplicateCandidate | null {
  const { company } = entry;
  const managed: Managed = { company, name: analyseCompanyName(company.name) };
  if (position === null) return sameOrNoted(name, managed);
  return position === -1 ? spacingCandidate(name, managed) : typoCandidateOf(name, managed, position, word);
}

/** A managed company with its name analysed. */
interface Managed {
  readonly company: ManagedCompany;
  readonly name: AnalysedName;
}

/** A managed company found by a key; `position` null for the name's key, -1 for its compact key. */
interface Hit {
  readonly entry: IndexedCompany;
  readonly position: number | null;
  /** For a typo: the managed word at `position`. */
  readonly word: string;
}

function spacingCandidate(name: AnalysedName, managed: Managed): DuplicateCandidate | null {
  const main = spacingDifference(name, managed.name);
  return main === null ? null : similar(name, managed, main, null);
}

function typoCandidateOf(
  name: AnalysedName,
  managed: Managed,
  position: number,
  word: string,
): DuplicateCandidate | null {
  const token = name.kept[position];
  if (token === undefined) return null;
  const main = similarDifference(token, managed.name.kept[position], word);
  return main === null ? null : similar(name, managed, main, position);
}

function sameOrNoted(name: AnalysedName, { company: entry, name: managed }: Managed): DuplicateCandidate {
  const odd =
    name.oddForm?.reason === managed.oddForm?.reason
      ? null
      : ((name.oddForm ?? managed.oddForm)?.reason ?? null);
  const note = noteDifference(name, managed);
  if (odd !== null || note !== null) {
    return similar(
      name,
      { company: entry, name: managed },
      [odd, note].filter((part) => part !== null).join(', '),
      -1,
    );
  }
  return {
    companyId: entry.id,
    companyName: entry.name,
    reason: sameReason(name, managed, entry.name),
    strength: 'same',
  };
}

function similar(
  name: AnalysedName,
  { company: entry, name: managed }: Managed,
  main: string,
  skip: number | null,
): DuplicateCandidate {
  const note = skip === -1 ? null : noteDifference(name, managed);
  const what = note === null ? main : `${main}, ${note}`;
  return {
    companyId: entry.id,
    companyName: entry.name,
    reason: similarReason(name, managed, entry.name, what, skip),
    strength: 'similar',
  };
}

/** Words of managed names one typo away from `word` (see word-edit.ts), cached in the index. */
function neighbourWords(word: string, index: CompanyNameIndex): readonly string[] {
  // Shorter words take no part in a typo (see typoCandidate); this spares a lookup per word.
  if (word.length < MIN_TYPO_LENGTH - 1) return NO_WORDS;
  const cached = index.neighbours.get(word);
  if (cached !== undefined) return cached;
  if (!typoCandidate(word)) {
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

function strengthRank(candidate: DuplicateCandidate): number {
  return candidate.strength === 'same' ? 0 : 1;
}

interface Found {
  readonly entry: ManagedCompany;
  /** The sort key of its name. */
  readonly order: string;
  readonly candidate: DuplicateCandidate;
}

function byOrder(a: Found, b: Found): number {
  return (
    compareKeys(a.order, b.order) ||
    compareKeys(a.entry.name, b.entry.name) ||
    compareKeys(a.entry.id, b.entry.id)
  );
}

function add(map: Map<string, Bucket>, key: string, company: IndexedCompany): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, company);
  else if (Array.isArray(bucket)) bucket.push(company);
  else map.set(key, [bucket, company]);
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}
