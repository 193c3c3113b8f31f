import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import { noteDifference, sameReason, similarReason } from './match-reason.js';
import { nameKeys } from './name-keys.js';
import type { DuplicateCandidate } from './review.js';
import { similarDifference, spacingDifference } from './similar-names.js';
import { compareKeys, sortKey } from './text-order.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate, wordEdit } from './word-edit.js';

export { type NormalisedName, normaliseCompanyName } from './company-name.js';

// Index buckets hold one company as itself and several as an array: most keys have one, and
// 200,000 one-element arrays are garbage the collector has to copy.
type Bucket = ManagedCompany | ManagedCompany[];
type IndexedCompany = ManagedCompany;

function bucketOf(map: ReadonlyMap<string, Bucket>, key: string): readonly ManagedCompany[] {
  const bucket = map.get(key);
  return bucket === undefined ? [] : Array.isArray(bucket) ? bucket : [bucket];
}

// Analyses of managed names, kept only for those that turn up as candidates: holding one for
// every managed company costs more memory (and garbage collection) than analysing a few again.
const ANALYSED = new WeakMap<IndexedCompany, AnalysedName>();
const ORDER = new WeakMap<IndexedCompany, string>();

function analysed(entry: IndexedCompany): AnalysedName {
  let name = ANALYSED.get(entry);
  if (name === undefined) {
    name = analyseCompanyName(entry.name);
    ANALYSED.set(entry, name);
  }
  return name;
}

function orderOf(entry: IndexedCompany): string {
  let order = ORDER.get(entry);
  if (order === undefined) {
    order = sortKey(entry.name);
    ORDER.set(entry, order);
  }
  return order;
}

/**
 * Managed companies by normalised name, by name without spaces, and the words of their names by
 * their one-letter deletions (a symmetric-delete index), so a lookup finds same and similar names
 * without comparing against every company. Build once per diff; treat as opaque.
 */
export interface CompanyNameIndex {
  readonly size: number;
  readonly byKey: ReadonlyMap<string, Bucket>;
  readonly byCompact: ReadonlyMap<string, Bucket>;
  /** Words of managed names that may take part in a typo (four letters or more, no digits). */
  readonly words: ReadonlySet<string>;
  /** One-letter deletions of the words of five letters or more, to those words. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
  /** Words one typo away from a looked-up word, filled as lookups go (names repeat words). */
  readonly neighbours: Map<string, readonly string[]>;
}

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byKey = new Map<string, Bucket>();
  const byCompact = new Map<string, Bucket>();
  const words = new Set<string>();
  for (const company of companies) {
    const name = nameKeys(company.name);
    // A name without letters or digits says nothing about identity; it matches nothing.
    if (name.key === '') continue;
    add(byKey, name.key, company);
    if (name.altKey !== null && name.altKey !== name.key) add(byKey, name.altKey, company);
    add(byCompact, name.compact, company);
    for (const word of name.words) if (typoCandidate(word)) words.add(word);
  }
  const byDeletion = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_TYPO_LENGTH) continue;
    for (const variant of deletions(word)) push(byDeletion, variant, word);
  }
  for (const bucket of byKey.values()) if (Array.isArray(bucket)) bucket.sort(byOrder);
  return { size: companies.length, byKey, byCompact, words, byDeletion, neighbours: new Map() };
}

/**
 * Managed companies whose name is the same as the PSA name once normalised, or similar to it, each
 * with its strength and its reason; same names first, then by name.
 */
export function findDuplicateCandidates(psaName: string, index: CompanyNameIndex): DuplicateCandidate[] {
  const keys = nameKeys(psaName);
  if (keys.key === '') return [];
  // Hits come from the keys alone; only a name with hits is analysed for the reasons.
  const hits: Hit[] = [];
  for (const key of keys.altKey === null ? [keys.key] : [keys.key, keys.altKey]) {
    for (const entry of bucketOf(index.byKey, key)) hits.push({ entry, position: null, word: '' });
  }
  for (const entry of bucketOf(index.byCompact, keys.compact)) hits.push({ entry, position: -1, word: '' });
  keys.words.forEach((own, position) => {
    if (!typoCandidate(own)) return;
    for (const word of neighbourWords(own, index)) {
      const words = keys.words.map((other, i) => (i === position ? word : other));
      for (const entry of bucketOf(index.byKey, words.join(' '))) hits.push({ entry, position, word });
    }
  });
  if (hits.length === 0) return [];

  const name = analyseCompanyName(psaName);
  const found = new Map<string, { entry: IndexedCompany; candidate: DuplicateCandidate }>();
  for (const { entry, position, word } of hits) {
    if (found.has(entry.id)) continue;
    const candidate =
      position === null
        ? sameOrNoted(name, entry)
        : position === -1
          ? spacingCandidate(name, entry)
          : typoCandidateOf(name, entry, position, word);
    if (candidate !== null) found.set(entry.id, { entry, candidate });
  }

  return [...found.values()]
    .sort((a, b) => strengthRank(a.candidate) - strengthRank(b.candidate) || byOrder(a.entry, b.entry))
    .map(({ candidate }) => candidate);
}

/** A managed company found by a key; `position` null for the name's key, -1 for its compact key. */
interface Hit {
  readonly entry: IndexedCompany;
  readonly position: number | null;
  /** For a typo: the managed word at `position`. */
  readonly word: string;
}

function spacingCandidate(name: AnalysedName, entry: IndexedCompany): DuplicateCandidate | null {
  const main = spacingDifference(name, analysed(entry));
  return main === null ? null : similar(name, entry, main, null);
}

function typoCandidateOf(
  name: AnalysedName,
  entry: IndexedCompany,
  position: number,
  word: string,
): DuplicateCandidate | null {
  const token = name.kept[position];
  if (token === undefined) return null;
  const main = similarDifference(token, analysed(entry).kept[position], word);
  return main === null ? null : similar(name, entry, main, position);
}

function sameOrNoted(name: AnalysedName, entry: IndexedCompany): DuplicateCandidate {
  const managed = analysed(entry);
  const odd =
    name.oddForm?.reason === managed.oddForm?.reason
      ? null
      : ((name.oddForm ?? managed.oddForm)?.reason ?? null);
  const note = noteDifference(name, managed);
  if (odd !== null || note !== null) {
    return similar(name, entry, [odd, note].filter((part) => part !== null).join(', '), -1);
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
  entry: IndexedCompany,
  main: string,
  skip: number | null,
): DuplicateCandidate {
  const managed = analysed(entry);
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
  const cached = index.neighbours.get(word);
  if (cached !== undefined) return cached;
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

function byOrder(a: IndexedCompany, b: IndexedCompany): number {
  return compareKeys(orderOf(a), orderOf(b)) || compareKeys(a.name, b.name) || compareKeys(a.id, b.id);
}

function add(map: Map<string, Bucket>, key: string, company: ManagedCompany): void {
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
