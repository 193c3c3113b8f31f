import { type Found, found, inReviewOrder } from './candidate-order.js';
import type { AnalysedName } from './company-name.js';
import { type CompanyNameIndex, findHits, type Hit, type Managed } from './company-name-index.js';
import { noteDifference, sameReason, similarReason } from './match-reason.js';
import { analyseLookedUp, lookUpPlain, NO_HITS } from './plain-lookup.js';
import { notedCandidates, quickCandidates } from './quick-candidates.js';
import type { DuplicateCandidate } from './review.js';
import { similarDifference, spacingDifference } from './similar-names.js';

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
    // are typed as a managed name is, with a typo or a note, which their texts tell
    // (quick-candidates.ts).
    const hits = lookUpPlain(psaName, index);
    if (hits === NO_HITS) return [];
    const quick =
      hits === 'more'
        ? null
        : hits === 'unread'
          ? notedCandidates(psaName, index)
          : quickCandidates(psaName, hits, index);
    if (quick !== null) return quick;
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

  const all = new Map<string, Found>();
  for (const hit of hits) {
    const { company } = hit.managed;
    if (all.has(company.id)) continue;
    const candidate = candidateOf(name, hit);
    if (candidate !== null) all.set(company.id, found(company, candidate));
  }
  return inReviewOrder([...all.values()]);
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
