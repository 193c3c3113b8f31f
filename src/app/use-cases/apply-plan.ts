import {
  type ApplyTally,
  companyWrites,
  newApplyTally,
  tallyResult,
  userWrites,
} from '../../domain/apply-writes.js';
import type { ManagedCompany, ManagedUser } from '../../domain/directory.js';
import { freeLicences } from '../../domain/directory.js';
import { AppError } from '../../domain/errors.js';
import { checkLicences } from '../../domain/licence-check.js';
import type { CompanyLink, ContactLink } from '../../domain/mapping.js';
import { planCompanyChunk, planContactChunk } from '../../domain/plan-chunk.js';
import type { ApplyResult, Plan, PlannedCompany, PlannedUser, Write } from '../../domain/plan-model.js';
import type { PendingApprovalRun } from '../../domain/run.js';
import type { Repositories } from '../../ports/storage.js';
import type { AppDeps } from '../deps.js';
import { runTotals, streamRows } from '../run-rows.js';
import { type ApplyTarget, companyChunkState, userChunkState } from './apply-chunk-state.js';
import { type EventRun, recordAppliedEvent, recordChangeEvents } from './directory-events.js';

/** Rows read, written and turned into events at a time; a test sets it small to cross chunks. */
export const APPLY_CHUNK = 1_000;

type ApplyDeps = Pick<AppDeps, 'clock' | 'ids'>;

/** One apply in progress: who it writes for, what it stamps, what it has done so far. */
interface Apply {
  readonly deps: ApplyDeps;
  readonly repos: Repositories;
  readonly run: ApplyTarget & EventRun;
  readonly now: string;
  readonly tally: ApplyTally;
}

/**
 * Applies a run's plan inside the caller's transaction, a chunk of rows at a time: each chunk's
 * companies, users, links and events are written before the next chunk is read, so memory holds
 * one chunk and the tally, never the whole import. It is still one transaction: a failure in any
 * chunk rolls back every earlier one. The writes are computed against the directory as it is now,
 * not as it was at review time, so a retry after a crash (the transaction rolled back) or a
 * second apply finds the work done and writes nothing twice; the unique constraints are the last
 * line of defence.
 */
export async function applyRun(
  deps: ApplyDeps,
  repos: Repositories,
  run: PendingApprovalRun,
  chunkSize = APPLY_CHUNK,
): Promise<ApplyResult> {
  const pool = await repos.licences.get(run.tenantId);
  const licences = checkLicences(await runTotals(repos, run.id), pool);
  if (!licences.enough) {
    throw new AppError('insufficient_licenses', {
      licencesFree: freeLicences(pool),
      licencesNeeded: licences.needed,
    });
  }
  const apply: Apply = { deps, repos, run, now: deps.clock.now().toISOString(), tally: newApplyTally() };
  // Where the users of kept and mapped companies were before: for "gone from the PSA".
  const landed = new Set<string>();
  for await (const records of streamRows(
    (after, limit) => repos.runRows.companiesAfter(run.id, after, limit),
    (record) => record.row.company.psaId,
    chunkSize,
  )) {
    const companies = planCompanyChunk(records);
    for (const company of companies) {
      const kind = company.decision.kind;
      if ((kind === 'keep' || kind === 'map') && company.targetCompanyId !== null)
        landed.add(company.targetCompanyId);
    }
    await applyCompanies(apply, companies);
  }
  const { targets } = apply.tally;
  for await (const records of streamRows(
    (after, limit) => repos.runRows.contactsAfter(run.id, after, limit),
    (record) => record.row.contact.psaId,
    chunkSize,
  )) {
    await applyUsers(
      apply,
      planContactChunk(records, (psaCompanyId) => targets.has(psaCompanyId)),
    );
  }
  const result = tallyResult(apply.tally);
  // Counted after the writes, which is the same as before them: they link only fetched contacts.
  const applied =
    run.contacts.kind === 'not-fetched'
      ? result
      : {
          ...result,
          usersGoneFromPsa: await repos.contactMap.countNotFetched(run.integrationId, run.id, [...landed]),
        };
  await recordAppliedEvent(repos, run, applied, apply.now, deps.ids);
  return applied;
}

/**
 * Applies a plan held in memory as a single chunk (the webhooks bench); no "gone from the PSA"
 * count, as no run's contacts are at hand.
 */
export async function applyPlan(
  deps: ApplyDeps,
  repos: Repositories,
  run: ApplyTarget & EventRun,
  plan: Plan,
): Promise<ApplyResult> {
  const apply: Apply = { deps, repos, run, now: deps.clock.now().toISOString(), tally: newApplyTally() };
  await applyCompanies(apply, plan.companies);
  await applyUsers(apply, plan.users);
  const result = tallyResult(apply.tally);
  await recordAppliedEvent(repos, run, result, apply.now, deps.ids);
  return result;
}

async function applyCompanies(apply: Apply, companies: readonly PlannedCompany[]): Promise<void> {
  if (companies.length === 0) return;
  const state = await companyChunkState(apply.repos, apply.run, companies);
  const writes = companyWrites(apply.tally, companies, state, () => apply.deps.ids.next());
  // Re-imported links get a fresh "last import" date even when nothing else about them changes.
  const touched: CompanyLink[] = [];
  for (const planned of companies) {
    const link = state.companyLinks.get(planned.psaCompanyId);
    if (planned.decision.kind === 'keep' && link !== undefined)
      touched.push({ ...link, lastImportedAt: apply.now });
  }
  await perform(apply, writes, touched, []);
  await recordChangeEvents(
    apply.repos,
    apply.run,
    { companies, users: [], writes },
    apply.now,
    apply.deps.ids,
  );
}

async function applyUsers(apply: Apply, users: readonly PlannedUser[]): Promise<void> {
  if (users.length === 0) return;
  const state = await userChunkState(apply.repos, apply.run, users);
  const writes = userWrites(apply.tally, users, state, () => apply.deps.ids.next());
  const touched: ContactLink[] = [];
  for (const planned of users) {
    const link = state.contactLinks.get(planned.psaContactId);
    if (planned.decision.kind === 'grant' && link !== undefined && state.usersById.has(link.managedUserId))
      touched.push({ ...link, lastImportedAt: apply.now });
  }
  await perform(apply, writes, [], touched);
  await recordChangeEvents(
    apply.repos,
    apply.run,
    { companies: [], users, writes },
    apply.now,
    apply.deps.ids,
  );
}

/** One chunk's writes; links touched again come first so a new link for the same id wins. */
async function perform(
  apply: Apply,
  writes: readonly Write[],
  touchedCompanies: readonly CompanyLink[],
  touchedContacts: readonly ContactLink[],
): Promise<void> {
  const { repos, run, now } = apply;
  const companies: ManagedCompany[] = [];
  const companyLinks: CompanyLink[] = [...touchedCompanies];
  const users: ManagedUser[] = [];
  const contactLinks: ContactLink[] = [...touchedContacts];
  for (const write of writes) {
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
  if (companies.length > 0) await repos.companies.insertMany(run.tenantId, companies);
  if (companyLinks.length > 0) await repos.companyMap.upsertMany(run.integrationId, companyLinks);
  if (users.length > 0) {
    await repos.users.insertMany(run.tenantId, users);
    await repos.licences.addUsed(run.tenantId, users.length);
  }
  if (contactLinks.length > 0) await repos.contactMap.upsertMany(run.integrationId, contactLinks);
}
