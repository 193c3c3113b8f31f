import { effectiveCompanyDecision } from './company-decisions.js';
import { contactDisplayName } from './contact-identity.js';
import type { CompanyDecision, CompanyDecisionKind, DecisionOverrides, UserDecision } from './decisions.js';
import type { ContactRow, Plan, PlanCounts, PlannedCompany, PlannedUser } from './plan-model.js';
import type { Review, ReviewRow } from './review.js';
import { effectiveUserDecision } from './user-decisions.js';

type MutableCounts = { -readonly [K in keyof PlanCounts]: PlanCounts[K] };

const COMPANY_COUNTS: Readonly<Record<CompanyDecisionKind, keyof PlanCounts>> = {
  create: 'companiesCreate',
  map: 'companiesMap',
  'unmap-create': 'companiesUnmap',
  keep: 'companiesKeep',
  skip: 'companiesSkip',
};

/**
 * Everything the import will do, from the review, the assessed contacts (null before the contacts
 * are fetched) and the admin's overrides.
 */
export function buildPlan(
  review: Review,
  contacts: readonly ContactRow[] | null,
  overrides: DecisionOverrides,
): Plan {
  const counts: MutableCounts = {
    companiesCreate: 0,
    companiesMap: 0,
    companiesUnmap: 0,
    companiesKeep: 0,
    companiesSkip: 0,
    usersGrant: 0,
    usersKeep: 0,
    usersMap: 0,
    usersSkip: 0,
    usersIneligible: 0,
  };

  const companies: PlannedCompany[] = [];
  for (const row of review.inPsa) {
    const decision = effectiveCompanyDecision(row, overrides);
    counts[COMPANY_COUNTS[decision.kind]] += 1;
    if (decision.kind === 'skip') continue;
    companies.push(plannedCompany(row, decision));
  }

  const planned = new Set(companies.map((company) => company.psaCompanyId));
  const users: PlannedUser[] = [];
  for (const row of contacts ?? []) {
    // Rows assessed before a company was left out no longer count.
    if (!planned.has(row.contact.companyPsaId)) continue;
    if (row.ineligible !== null || row.email === null) {
      counts.usersIneligible += 1;
      continue;
    }
    const decision = effectiveUserDecision(row, overrides);
    if (decision.kind === 'skip') {
      counts.usersSkip += 1;
      continue;
    }
    if (decision.kind === 'map') counts.usersMap += 1;
    else if (decision.kind === 'grant' && row.linkedUser !== null) counts.usersKeep += 1;
    else counts.usersGrant += 1;
    users.push(plannedUser(row, row.email, decision));
  }

  return { companies, users, counts };
}

/** A company the import will apply, with the decision that holds for it (never skip). */
export function plannedCompany(row: ReviewRow, decision: CompanyDecision): PlannedCompany {
  return {
    psaCompanyId: row.company.psaId,
    name: row.company.name,
    decision,
    targetCompanyId: targetOf(row, decision),
  };
}

/** An eligible contact the import will apply, with the decision that holds for it (never skip). */
export function plannedUser(row: ContactRow, email: string, decision: UserDecision): PlannedUser {
  return {
    psaContactId: row.contact.psaId,
    companyPsaId: row.contact.companyPsaId,
    email,
    displayName: contactDisplayName(row.contact),
    decision,
    linkedUserId: row.linkedUser?.id ?? null,
  };
}

/** Keep lands in the linked company; unmap-create names the old one, so apply can tell if it ran. */
function targetOf(row: ReviewRow, decision: CompanyDecision): string | null {
  switch (decision.kind) {
    case 'keep':
    case 'unmap-create':
      return row.mappedTo?.id ?? null;
    case 'map':
      return decision.companyId;
    default:
      return null;
  }
}
