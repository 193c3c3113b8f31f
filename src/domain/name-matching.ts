import type { AnalysedName } from './company-name.js';
import {
  analyseLookedUp,
  type CompanyNameIndex,
  findHits,
  type Hit,
  lookUpPlain,
  type Managed,
} from './company-name-index.js';
import type { ManagedCompany } from './directory.js';
import { noteDifference, quote, sameReason, similarReason } from './match-reason.js';
import type { DuplicateCandidate } from './review.js';
import { similarDifference, spacingDifference } from './similar-names.js';
import { compareKeys, sortKey } from './text-order.js';

export {
  type AnalysedName,
  analyseCompanyName,
  type NormalisedName,
  normaliseCompanyName,
} from './company-name.js';
export { buildCompanyNameIndex, type CompanyNameIndex } from './company-name-index.js';

/**
 * Managed companies whose name is the same as the PSA name once normalised, or similar to it, each
 * with its strength and its reason; same names first, then by name. Takes the name analysed
 * already where the caller needs the analysis too (an import analyses each name once).
 */
export function findDuplicateCandidates(
  psaName: string | AnalysedName,
  index: CompanyNameIndex,
): DuplicateCandidate[] {
  if (typeof psaName === 'string') {
    // Most names match nothing, which their hashes tell without analysing them; most that do
    // are typed as a managed name is, or in other capitals, which their texts tell.
    const found = lookUpPlain(psaName, index);
    if (found !== 'unread' && found !== 'more') {
      if (found.length === 0) return [];
      const sameText = sameTextCandidates(psaName, found, index);
      if (sameText !== null) return sameText;
    }
  }
  const name = typeof psaName === 'string' ? analyseLookedUp(psaName, index) : psaName;
  // Keys are the kept words joined: no words, an empty key (reading `key` would build it).
  if (name.kept.length === 0) return [];
  const hits = findHits(name, index);
  const [only] = hits;
  if (only === undefined) return [];
  // Most flagged names have one hit: no dedupe, no sort.
  if (hits.length === 1) {
    const candidate = candidateOf(name, only);
    return candidate === null ? [] : [candidate];
  }

  const found = new Map<string, Found>();
  for (const hit of hits) {
    const { company } = hit.managed;
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
 * The candidates of a plain name whose only hits are managed names of the same text but for the
 * capitals of ASCII letters, or null when any hit is not such a name: their analyses would be the
 * same tokens, kept and removed alike, with nothing but case to tell apart, so each is a same
 * name whose reason is known without analysing either. A test holds this to the analysis.
 */
function sameTextCandidates(
  psaName: string,
  positions: readonly number[],
  index: CompanyNameIndex,
): DuplicateCandidate[] | null {
  const { reader, otherReader } = index;
  const entries: ManagedCompany[] = [];
  for (const position of positions) {
    const entry = index.companies[position];
    if (entry === undefined || !sameButCase(psaName, entry.name)) return null;
    // Case can decide a legal form ("AG", "Ag"): the same words must be kept on both sides (names
    // of the same text but for case and other kept words have other keys; only a collision of
    // their hashes would bring one here).
    if (!otherReader.read(entry.name) || otherReader.from !== reader.from || otherReader.to !== reader.to)
      return null;
    if (!entries.some((other) => other.id === entry.id)) entries.push(entry);
  }
  const candidates = (entry: ManagedCompany): DuplicateCandidate => ({
    companyId: entry.id,
    companyName: entry.name,
    reason: `same name as ${quote(entry.name)}${psaName === entry.name ? '' : ' ignoring case'}`,
    strength: 'same',
  });
  if (entries.length === 1) return entries.map(candidates);
  return entries
    .map((entry) => ({ entry, order: sortKey(entry.name), candidate: candidates(entry) }))
    .sort(byOrder)
    .map(({ candidate }) => candidate);
}

/** Whether two texts are the same but for the case of ASCII letters. */
function sameButCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && !(isAsciiLetter(x) && (x | 0x20) === (y | 0x20))) return false;
  }
  return true;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The candidate a hit makes, if any. */
function candidateOf(name: AnalysedName, { managed, position, word }: Hit): DuplicateCandidate | null {
  if (position === null) return sameOrNoted(name, managed);
  return position === -1 ? spacingCandidate(name, managed) : typoCandidateOf(name, managed, position, word);
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
