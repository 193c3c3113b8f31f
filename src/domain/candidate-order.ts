import type { ManagedCompany } from './directory.js';
import type { DuplicateCandidate } from './review.js';
import { compareKeys, sortKey } from './text-order.js';

/** A candidate with the managed company it names, as the review orders them. */
export interface Found {
  readonly entry: ManagedCompany;
  /** The sort key of its name. */
  readonly order: string;
  readonly candidate: DuplicateCandidate;
}

export function found(entry: ManagedCompany, candidate: DuplicateCandidate): Found {
  return { entry, order: sortKey(entry.name), candidate };
}

/** Same names first, then by name (sort key, then text), then by id. */
export function inReviewOrder(all: Found[]): DuplicateCandidate[] {
  return all
    .sort((a, b) => strengthRank(a.candidate) - strengthRank(b.candidate) || byOrder(a, b))
    .map(({ candidate }) => candidate);
}

function strengthRank(candidate: DuplicateCandidate): number {
  return candidate.strength === 'same' ? 0 : 1;
}

function byOrder(a: Found, b: Found): number {
  return (
    compareKeys(a.order, b.order) ||
    compareKeys(a.entry.name, b.entry.name) ||
    compareKeys(a.entry.id, b.entry.id)
  );
}
