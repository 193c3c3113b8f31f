import { effectiveCompanyDecision } from './company-decisions.js';
import type { CompanyDecision, UserDecision } from './decisions.js';
import { plannedCompany, plannedUser } from './plan.js';
import type { ContactRow, PlannedCompany, PlannedUser } from './plan-model.js';
import type { ReviewRow } from './review.js';
import { effectiveUserDecision } from './user-decisions.js';

/**
 * The apply reads a run's rows a chunk at a time; these give a chunk's share of the plan, entry
 * for entry what `buildPlan` gives for the same rows of the whole run.
 */
export function planCompanyChunk(
  records: readonly { readonly row: ReviewRow; readonly decision: CompanyDecision }[],
): PlannedCompany[] {
  const planned: PlannedCompany[] = [];
  for (const { row, decision } of records) {
    const effective = effectiveCompanyDecision(row, {
      companies: { [row.company.psaId]: decision },
      users: {},
    });
    if (effective.kind !== 'skip') planned.push(plannedCompany(row, effective));
  }
  return planned;
}

/** `isPlanned`: whether the contact's company is in the plan (contacts of the others never count). */
export function planContactChunk(
  records: readonly { readonly row: ContactRow; readonly decision: UserDecision }[],
  isPlanned: (psaCompanyId: number) => boolean,
): PlannedUser[] {
  const planned: PlannedUser[] = [];
  for (const { row, decision } of records) {
    if (!isPlanned(row.contact.companyPsaId) || row.ineligible !== null || row.email === null) continue;
    const effective = effectiveUserDecision(row, { companies: {}, users: { [row.contact.psaId]: decision } });
    if (effective.kind !== 'skip') planned.push(plannedUser(row, row.email, effective));
  }
  return planned;
}
