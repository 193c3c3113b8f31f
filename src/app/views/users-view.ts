import { effectiveCompanyDecision } from '../../domain/company-decisions.js';
import { allowedUserDecisions, effectiveUserDecision } from '../../domain/contact-assessment.js';
import { ineligibilityText } from '../../domain/ineligibility-text.js';
import type { ContactRow, LicenceCheck, Plan } from '../../domain/plan-model.js';
import type { ImportRun } from '../../domain/run.js';
import type { Paging, UserBulkAction } from '../intents.js';
import { pageOf } from '../paging.js';
import type { BulkOffer, ContactRowView, UsersCompanySummary, UsersView } from '../views.js';
import { runHeader } from './run-header.js';

export function contactRowView(row: ContactRow, run: ImportRun): ContactRowView {
  const contact = row.contact;
  return {
    psaContactId: contact.psaId,
    psaCompanyId: contact.companyPsaId,
    name: `${contact.firstName} ${contact.lastName}`.trim(),
    email: row.email,
    active: contact.active,
    typeNames: contact.typeNames,
    decision: effectiveUserDecision(row, run.overrides),
    ineligibleReason: row.ineligible === null ? null : ineligibilityText(row.ineligible),
    previouslyImported: row.linkedUser !== null,
    sameEmailUser: row.sameEmailUser,
    allowed: allowedUserDecisions(row),
  };
}

/** Contacts in scope of a bulk action: one company or all, optionally one contact type. */
export function contactsInScope(
  run: ImportRun,
  psaCompanyId: number | null,
  contactType: string | null,
): ContactRow[] {
  const wantedType = contactType?.toLowerCase() ?? null;
  return (run.contacts ?? []).filter(
    (row) =>
      (psaCompanyId === null || row.contact.companyPsaId === psaCompanyId) &&
      (wantedType === null || row.contact.typeNames.some((name) => name.toLowerCase() === wantedType)),
  );
}

function userBulkOffers(run: ImportRun, scope: readonly ContactRow[]): BulkOffer<UserBulkAction>[] {
  let grant = 0;
  let skip = 0;
  let reset = 0;
  for (const row of scope) {
    const decision = effectiveUserDecision(row, run.overrides);
    if (row.ineligible === null && decision.kind === 'skip') grant++;
    if (decision.kind !== 'skip') skip++;
    if (run.overrides.users[String(row.contact.psaId)] !== undefined) reset++;
  }
  return [
    { action: 'grant-all-eligible', count: grant },
    { action: 'skip-all', count: skip },
    { action: 'reset', count: reset },
  ];
}

export function buildUsersView(
  run: ImportRun,
  psaCompanyId: number | null,
  paging: Paging,
  plan: Plan,
  licences: LicenceCheck,
): UsersView {
  const rows = run.contacts ?? [];
  const selected = (run.review?.inPsa ?? []).filter(
    (row) => effectiveCompanyDecision(row, run.overrides).kind !== 'skip',
  );
  const scope = contactsInScope(run, psaCompanyId, null);
  const contactTypes = [...new Set(scope.flatMap((row) => row.contact.typeNames))].sort();
  const base = {
    kind: 'users' as const,
    run: runHeader(run),
    counts: plan.counts,
    licences,
    contactTypes,
    bulk: userBulkOffers(run, scope),
  };
  if (psaCompanyId === null) {
    const byCompany = new Map<number, UsersCompanySummary>();
    for (const row of selected) {
      byCompany.set(row.company.psaId, {
        psaCompanyId: row.company.psaId,
        name: row.company.name,
        granted: 0,
        eligible: 0,
        ineligible: 0,
      });
    }
    for (const row of rows) {
      const summary = byCompany.get(row.contact.companyPsaId);
      if (summary === undefined) continue;
      const granted = effectiveUserDecision(row, run.overrides).kind !== 'skip';
      byCompany.set(row.contact.companyPsaId, {
        ...summary,
        granted: summary.granted + (granted ? 1 : 0),
        eligible: summary.eligible + (row.ineligible === null ? 1 : 0),
        ineligible: summary.ineligible + (row.ineligible === null ? 0 : 1),
      });
    }
    const page = pageOf([...byCompany.values()], paging);
    return { ...base, company: null, companies: page.items, contacts: [], paging: page.info };
  }
  const company = selected.find((row) => row.company.psaId === psaCompanyId);
  const page = pageOf(scope, paging);
  return {
    ...base,
    company: company === undefined ? null : { psaCompanyId, name: company.company.name },
    companies: [],
    contacts: page.items.map((row) => contactRowView(row, run)),
    paging: page.info,
  };
}
