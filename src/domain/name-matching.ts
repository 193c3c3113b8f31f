import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import { noteDifference, sameReason, similarReason } from './match-reason.js';
import type { DuplicateCandidate } from './review.js';
import { similarDifference, spacingDifference } from './similar-names.js';
import { compareKeys, sortKey } from './text-order.js';
import { deletions, MIN_TYPO_LENGTH, typoCandidate, wordEdit } from './word-edit.js';

export { type NormalisedName, normaliseCompanyName } from './company-name.js';

export interface IndexedCompany {
  readonly company: ManagedCompany;
}

// Analyses of managed names, kept only for those that turn up as candidates: holding one for
// every managed company costs more memory (and garbage collection) than analysing a few again.
const ANALYSED = new WeakMap<IndexedCompany, AnalysedName>();
const ORDER = new WeakMap<IndexedCompany, string>();

function analysed(entry: IndexedCompany): AnalysedName {
  let name = ANALYSED.get(entry);
  if (name === undefined) {
    name = analyseCompanyName(entry.company.name);
    ANALYSED.set(entry, name);
  }
  return name;
}

function orderOf(entry: IndexedCompany): string {
  let order = ORDER.get(entry);
  if (order === undefined) {
    order = sortKey(entry.company.name);
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
  readonly byKey: ReadonlyMap<string, readonly IndexedCompany[]>;
  readonly byCompact: ReadonlyMap<string, readonly IndexedCompany[]>;
  /** Words of managed names that may take part in a typo (four letters or more, no digits). */
  readonly words: ReadonlySet<string>;
  /** One-letter deletions of the words of five letters or more, to those words. */
  readonly byDeletion: ReadonlyMap<string, readonly string[]>;
  /** Words one typo away from a looked-up word, filled as lookups go (names repeat words). */
  readonly neighbours: Map<string, readonly string[]>;
}

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byKey = new Map<string, IndexedCompany[]>();
  const byCompact = new Map<string, IndexedCompany[]>();
  const words = new Set<string>();
  for (const company of companies) {
    const name = analyseCompanyName(company.name);
    // A name without letters or digits says nothing about identity; it matches nothing.
    if (name.key === '') continue;
    const entry: IndexedCompany = { company };
    push(byKey, name.key, entry);
    if (name.altKey !== null && name.altKey !== name.key) push(byKey, name.altKey, entry);
    push(byCompact, name.compact, entry);
    for (const token of name.kept) if (typoCandidate(token.word)) words.add(token.word);
  }
  const byDeletion = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_TYPO_LENGTH) continue;
    for (const variant of deletions(word)) push(byDeletion, variant, word);
  }
  for (const bucket of byKey.values()) if (bucket.length > 1) bucket.sort(byOrder);
  return { size: companies.length, byKey, byCompact, words, byDeletion, neighbours: new Map() };
}

/**
 * Managed companies whose name is the same as the PSA name once normalised, or similar to it, each
 * with its strength and its reason; same names first, then by name.
 */
export function findDuplicateCandidates(psaName: string, index: CompanyNameIndex): DuplicateCandidate[] {
  const name = analyseCompanyName(psaName);
  if (name.key === '') return [];
  const found = new Map<string, { entry: IndexedCompany; candidate: DuplicateCandidate }>();
  const add = (entry: IndexedCompany, candidate: DuplicateCandidate): void => {
    if (!found.has(entry.company.id)) found.set(entry.company.id, { entry, candidate });
  };

  for (const key of name.altKey === null ? [name.key] : [name.key, name.altKey]) {
    for (const entry of index.byKey.get(key) ?? []) add(entry, sameOrNoted(name, entry));
  }
  for (const entry of index.byCompact.get(name.compact) ?? []) {
    const main = spacingDifference(name, analysed(entry));
    if (main !== null) add(entry, similar(name, entry, main, null));
  }
  name.kept.forEach((token, position) => {
    if (!typoCandidate(token.word)) return;
    for (const word of neighbourWords(token.word, index)) {
      const words = name.kept.map((other, i) => (i === position ? word : other.word));
      for (const entry of index.byKey.get(words.join(' ')) ?? []) {
        const main = similarDifference(token, analysed(entry).kept[position], word);
        if (main !== null) add(entry, similar(name, entry, main, position));
      }
    }
  });

  return [...found.values()]
    .sort((a, b) => strengthRank(a.candidate) - strengthRank(b.candidate) || byOrder(a.entry, b.entry))
    .map(({ candidate }) => candidate);
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
    companyId: entry.company.id,
    companyName: entry.company.name,
    reason: sameReason(name, managed, entry.company.name),
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
    companyId: entry.company.id,
    companyName: entry.company.name,
    reason: similarReason(name, managed, entry.company.name, what, skip),
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
  return (
    compareKeys(orderOf(a), orderOf(b)) ||
    compareKeys(a.company.name, b.company.name) ||
    compareKeys(a.company.id, b.company.id)
  );
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const bucket = map.get(key);
  if (bucket === undefined) map.set(key, [value]);
  else bucket.push(value);
}
