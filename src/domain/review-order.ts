import { preselectedCandidate } from './company-decisions.js';
import type { ReviewRow } from './review.js';

/**
 * Where a row sits in the review, decisions first (issue 15):
 * - `decide`: several candidates or only similar names; nothing is pre-selected, the admin chooses;
 * - `duplicate`: one candidate with the same name, pre-selected for mapping: worth a look;
 * - `create`: new companies, created unless the admin says otherwise;
 * - `left-out`: left out by the last import and left out again by default;
 * - `mapped`: mapped before and re-imported; one line each.
 * A row's group depends only on what was fetched, never on its decision, so a row does not jump
 * to another page while the admin decides.
 */
export type ReviewGroup = 'decide' | 'duplicate' | 'create' | 'left-out' | 'mapped';

export const REVIEW_GROUPS: readonly ReviewGroup[] = ['decide', 'duplicate', 'create', 'left-out', 'mapped'];

export function reviewGroup(row: ReviewRow): ReviewGroup {
  // An ambiguous row left out last time still needs a decision: it was left out only by default.
  if (row.status === 'potential-duplicate' && preselectedCandidate(row) === null) return 'decide';
  if (row.leftOutLastTime === true) return 'left-out';
  switch (row.status) {
    case 'potential-duplicate':
      return 'duplicate';
    case 'unmapped':
      return 'create';
    case 'mapped':
      return 'mapped';
  }
}

/** One character that sorts the groups in review order, as the first character of the order key. */
export function reviewGroupRank(group: ReviewGroup): string {
  return GROUP_RANKS.get(group) ?? '';
}

/** The group's place in review order, as a number: sorts as `reviewGroupRank` does. */
export function reviewGroupIndex(group: ReviewGroup): number {
  return REVIEW_GROUPS.indexOf(group);
}

// The ranks as strings once: the order key of every row of an import starts with one.
const GROUP_RANKS: ReadonlyMap<ReviewGroup, string> = new Map(
  REVIEW_GROUPS.map((group, rank) => [group, String(rank)]),
);
