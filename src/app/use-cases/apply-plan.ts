import { computeWrites, type DirectoryState } from '../../domain/apply-writes.js';
import type { ManagedCompany, ManagedUser } from '../../domain/directory.js';
import { freeLicences } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import { checkLicences } from '../../domain/licence-check.js';
import type { CompanyLink, ContactLink } from '../../domain/mapping.js';
import type { ApplyResult, Plan, Write } from '../../domain/plan-model.js';
import type { ImportRun } from '../../domain/run.js';
import type { Repositories } from '../../ports/storage.js';
import type { AppDeps } from '../deps.js';
import { recordImportEvents } from './directory-events.js';

async function loadState(repos: Repositories, run: ImportRun): Promise<DirectoryState> {
  const [companies, companyLinks, contactLinks, users] = await Promise.all([
    repos.companies.listAll(run.tenantId),
    repos.companyMap.list(run.integrationId),
    repos.contactMap.list(run.integrationId),
    repos.users.listAll(run.tenantId),
  ]);
  return {
    companies: new Map(companies.map((company) => [company.id, company])),
    companyLinks: new Map(companyLinks.map((link) => [link.psaCompanyId, link])),
    contactLinks: new Map(contactLinks.map((link) => [link.psaContactId, link])),
    usersById: new Map(users.map((user) => [user.id, user])),
    usersByEmail: new Map(users.map((user) => [user.email.toLowerCase(), user])),
  };
}

/** Re-imported links get a fresh "last import" date even when nothing else about them changes. */
function touchedLinks(
  plan: Plan,
  state: DirectoryState,
  now: string,
): { companies: CompanyLink[]; contacts: ContactLink[] } {
  const companies: CompanyLink[] = [];
  for (const planned of plan.companies) {
    const link = state.companyLinks.get(planned.psaCompanyId);
    if (planned.decision.kind === 'keep' && link !== undefined)
      companies.push({ ...link, lastImportedAt: now });
  }
  const contacts: ContactLink[] = [];
  for (const planned of plan.users) {
    const link = state.contactLinks.get(planned.psaContactId);
    if (planned.decision.kind === 'grant' && link !== undefined && state.usersById.has(link.managedUserId)) {
      contacts.push({ ...link, lastImportedAt: now });
    }
  }
  return { companies, contacts };
}

/**
 * Applies a plan inside the caller's transaction. The writes are computed against the directory
 * as it is now, not as it was at review time, so a retry after a crash (the transaction rolled
 * back) or a second apply finds the work done and writes nothing twice; the unique constraints
 * are the last line of defence.
 */
export async function applyPlan(
  deps: AppDeps,
  repos: Repositories,
  run: ImportRun,
  plan: Plan,
  /** Every contact this import fetched; null when it fetched none (companies only). */
  fetchedContactIds: ReadonlySet<number> | null,
): Promise<ApplyResult> {
  const now = deps.clock.now().toISOString();
  const pool = await repos.licences.get(run.tenantId);
  const licences = checkLicences(plan, pool);
  if (!licences.enough) {
    throw new AppError('insufficient_licenses', {
      licencesFree: freeLicences(pool),
      licencesNeeded: licences.needed,
    });
  }
  const state = await loadState(repos, run);
  const { writes, result } = computeWrites(plan, state, () => deps.ids.next(), now);
  const touched = touchedLinks(plan, state, now);

  const companies: ManagedCompany[] = [];
  const companyLinks: CompanyLink[] = [...touched.companies];
  const users: ManagedUser[] = [];
  const contactLinks: ContactLink[] = [...touched.contacts];
  for (const write of writes as readonly Write[]) {
    switch (write.kind) {
      case 'create-company':
        companies.push({ id: write.companyId, name: write.name, createdAt: now });
        break;
      case 'link-company':
        companyLinks.push({
          psaCompanyId: write.psaCompanyId,
          managedCompanyId: write.companyId,
          lastImportedAt: now,
        });
        break;
      case 'create-user':
        users.push({
          id: write.userId,
          companyId: write.companyId,
          email: write.email,
          displayName: write.displayName,
        });
        break;
      case 'link-contact':
        contactLinks.push({
          psaContactId: write.psaContactId,
          managedUserId: write.userId,
          lastImportedAt: now,
        });
        break;
    }
  }
  await repos.companies.insertMany(run.tenantId, companies);
  await repos.companyMap.upsertMany(run.integrationId, companyLinks);
  await repos.users.insertMany(run.tenantId, users);
  await repos.contactMap.upsertMany(run.integrationId, contactLinks);
  if (users.length > 0) await repos.licences.addUsed(run.tenantId, users.length);
  const applied =
    fetchedContactIds === null
      ? result
      : { ...result, usersGoneFromPsa: goneFromPsa(fetchedContactIds, plan, state) };
  // The events go to the outbox in this same transaction: an applied import always has them.
  await recordImportEvents(repos, run, { plan, writes, result: applied }, now, deps.ids);
  return applied;
}

/** Linked users of the companies whose contacts were fetched, whose contact the PSA no longer has. */
function goneFromPsa(fetched: ReadonlySet<number>, plan: Plan, state: DirectoryState): number {
  const targets = new Set(
    plan.companies
      .filter((planned) => planned.decision.kind === 'keep' || planned.decision.kind === 'map')
      .map((planned) => planned.targetCompanyId),
  );
  let gone = 0;
  for (const link of state.contactLinks.values()) {
    const user = state.usersById.get(link.managedUserId);
    if (user !== undefined && targets.has(user.companyId) && !fetched.has(link.psaContactId)) gone++;
  }
  return gone;
}
