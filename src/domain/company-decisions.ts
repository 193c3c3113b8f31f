import type { CompanyDecision, CompanyDecisionKind, DecisionOverrides } from './decisions.js';
import { overrideFor } from './override-lookup.js';
import type { DuplicateCandidate, ReviewRow } from './review.js';

const ALLOWED: Readonly<Record<ReviewRow['status'], readonly CompanyDecisionKind[]>> = {
  mapped: ['keep', 'map', 'unmap-create', 'skip'],
  unmapped: ['create', 'map', 'skip'],
  'potential-duplicate': ['map', 'create', 'skip'],
};

/**
 * What a row gets when the admin says nothing: re-import mapped companies, create new ones, map a
 * duplicate to its only candidate when that one has the same name. With several candidates, or a
 * similar name (a typo, a note such as "(OLD)", a space), none is pre-selected: the admin chooses.
 * A company the last applied import left out is left out again.
 */
export function defaultCompanyDecision(row: ReviewRow): CompanyDecision {
  // What the admin left out last time stays out until they say otherwise.
  if (row.leftOutLastTime === true) return { kind: 'skip' };
  switch (row.status) {
    case 'mapped':
      return { kind: 'keep' };
    case 'unmapped':
      return { kind: 'create' };
    case 'potential-duplicate': {
      const only = preselectedCandidate(row);
      return only === null ? { kind: 'skip' } : { kind: 'map', companyId: only.companyId };
    }
  }
}

/**
 * The candidate a duplicate row maps to unless the admin says otherwise: the only candidate, if it
 * has the same name. Bulk "map every single candidate" must use this too.
 */
export function preselectedCandidate(row: ReviewRow): DuplicateCandidate | null {
  if (row.status !== 'potential-duplicate') return null;
  // Read by index: the review order asks this of every row, and a rest pattern copies the list.
  const only = row.candidates[0];
  return only !== undefined && row.candidates.length === 1 && only.strength === 'same' ? only : null;
}

export function allowedCompanyDecisions(row: ReviewRow): CompanyDecisionKind[] {
  return [...ALLOWED[row.status]];
}

/** The admin's override when it is still allowed for the row, else the default. */
export function effectiveCompanyDecision(row: ReviewRow, overrides: DecisionOverrides): CompanyDecision {
  const override = overrideFor(overrides.companies, row.company.psaId);
  return override !== undefined && checkCompanyDecision(row, override) === null
    ? override
    : defaultCompanyDecision(row);
}

/**
 * Null when the decision is allowed for the row, else a short hint in our words. Whether a map
 * target exists is for the caller to check against the directory.
 */
export function checkCompanyDecision(row: ReviewRow, decision: CompanyDecision): string | null {
  if (!ALLOWED[row.status].includes(decision.kind)) return disallowedHint(decision.kind);
  if (decision.kind === 'map') {
    if (decision.companyId === '') return 'choose the managed company to map to';
    if (row.mappedTo?.id === decision.companyId)
      return 'it is already mapped to that company; keep it instead';
  }
  return null;
}

function disallowedHint(kind: CompanyDecisionKind): string {
  switch (kind) {
    case 'create':
      return 'a mapped company cannot be created again; unmap and create instead';
    case 'keep':
      return 'only a mapped company can be kept';
    case 'unmap-create':
      return 'only a mapped company can be unmapped';
    default:
      return 'that decision is not possible for this company';
  }
}
