import { allowedUserDecisions } from '../../domain/contact-assessment.js';
import { domainOwnerText } from '../../domain/domain-owner-note.js';
import { AppError } from '../../domain/errors.js';
import { ineligibilityText } from '../../domain/ineligibility-text.js';
import { checkLicences } from '../../domain/licence-check.js';
import { contactsOf, type ImportRun } from '../../domain/run.js';
import type { CompanyRecord, ContactRecord, Repositories } from '../../ports/storage.js';
import type { Paging, UserBulkAction } from '../intents.js';
import { pageWindow } from '../paging.js';
import { ALL_CONTACTS, runTotals } from '../run-rows.js';
import type { BulkOffer, ContactRowView, MapCandidate, UsersView } from '../views.js';
import { runHeader } from './run-header.js';

export function contactRowView({ row, decision }: ContactRecord): ContactRowView {
  const contact = row.contact;
  return {
    psaContactId: contact.psaId,
    psaCompanyId: contact.companyPsaId,
    name: `${contact.firstName} ${contact.lastName}`.trim(),
    email: row.email,
    active: contact.active,
    typeNames: contact.typeNames,
    decision,
    ineligibleReason: row.ineligible === null ? null : ineligibilityText(row.ineligible),
    previouslyImported: row.linkedUser !== null,
    sameEmailUser: row.sameEmailUser,
    allowed: allowedUserDecisions(row),
    domainNote: row.domainOwner ? domainOwnerText(row.domainOwner) : null,
  };
}

const BULK_ORDER: readonly UserBulkAction[] = ['grant-all-eligible', 'skip-all', 'reset'];

/**
 * The users review from the run's rows: the overview pages the selected companies with their
 * per-company counts (one statement over the page's companies' contacts); one company pages its contacts.
 */
export async function buildUsersView(
  repos: Repositories,
  run: ImportRun,
  psaCompanyId: number | null,
  paging: Paging,
): Promise<UsersView> {
  const fetched = contactsOf(run);
  if (fetched.kind === 'not-fetched')
    throw new AppError('invalid_input', { hint: 'continue to users first' });
  const [totals, pool] = await Promise.all([runTotals(repos, run.id), repos.licences.get(run.tenantId)]);
  const base = {
    kind: 'users' as const,
    run: runHeader(run),
    counts: totals.counts,
    licences: checkLicences(totals, pool),
    skipped: run.skipped,
  };
  if (psaCompanyId === null) {
    const window = pageWindow(totals.companies.selected, paging);
    const page = await repos.runRows.selectedCompanySummaries(run.id, window.offset, window.limit);
    return {
      ...base,
      company: null,
      companies: page.map(({ psaCompanyId, name, granted, eligible, ineligible }) => ({
        psaCompanyId,
        name,
        granted,
        eligible,
        ineligible,
      })),
      contacts: [],
      contactTypes: fetched.contactTypes,
      paging: window.info,
      bulk: BULK_ORDER.map((action) => ({ action, count: totals.contacts.offers[action] })),
    };
  }
  const scope = { ...ALL_CONTACTS, psaCompanyId };
  const [company] = await repos.runRows.companiesById(run.id, [psaCompanyId]);
  const inScope = await repos.runRows.contactTotals(run.id, scope);
  const window = pageWindow(inScope.total, paging);
  const contacts = await repos.runRows.contactPage(run.id, scope, window.offset, window.limit);
  const bulk: BulkOffer<UserBulkAction>[] = BULK_ORDER.map((action) => ({
    action,
    count: inScope.offers[action],
  }));
  return {
    ...base,
    company:
      company === undefined || company.decision.kind === 'skip'
        ? null
        : { psaCompanyId, name: company.row.company.name },
    companies: [],
    contacts: contacts.map(contactRowView),
    contactTypes: await repos.runRows.contactTypesOf(run.id, psaCompanyId),
    paging: window.info,
    bulk,
    mapCandidates: company === undefined ? [] : await mapCandidates(repos, run.tenantId, company),
  };
}

export const MAX_MAP_CANDIDATES = 20;

/** Users of the managed company a PSA company lands in; none when it is created or left out. */
async function mapCandidates(
  repos: Repositories,
  tenantId: string,
  company: CompanyRecord,
): Promise<MapCandidate[]> {
  const { decision, row } = company;
  const target =
    decision.kind === 'map' ? decision.companyId : decision.kind === 'keep' ? row.mappedTo?.id : null;
  if (target === null || target === undefined) return [];
  const users = await repos.users.listByCompany(tenantId, target);
  return [...users]
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
    .slice(0, MAX_MAP_CANDIDATES)
    .map((user) => ({ id: user.id, name: user.displayName, email: user.email }));
}
