import {
  type ContactTarget,
  claimsBefore,
  contactAssessor,
  contactOrderKey,
  type EmailClaim,
  emailClaim,
  repeatedEmailIneligibility,
} from '../../domain/contact-assessment.js';
import { emailKey } from '../../domain/contact-identity.js';
import type { PsaContact } from '../../domain/psa-records.js';
import type { ImportRun } from '../../domain/run.js';
import { type SkippedRecords, withContactsSkipped } from '../../domain/skipped-records.js';
import type { ProgressListener, PsaSession } from '../../ports/psa-gateway.js';
import { domainIndexOf } from '../company-domain-index.js';
import type { AppDeps } from '../deps.js';
import { newContactRecord, streamRows } from '../run-rows.js';
import type { CarriedUserDecisions } from '../views.js';
import { PAGE_ROWS } from './fetch-companies.js';
import { restoreUserDecisions } from './restore-user-decisions.js';

interface Claims {
  winner: EmailClaim;
  readonly losers: number[];
}

/** The selected companies of the run, each with where its contacts land and its review order. */
async function selectedTargets(
  deps: AppDeps,
  runId: string,
): Promise<Map<number, { target: ContactTarget; orderKey: string }>> {
  const targets = new Map<number, { target: ContactTarget; orderKey: string }>();
  const rows = deps.storage.repos.runRows;
  for await (const chunk of streamRows(
    (after, limit) => rows.companiesAfter(runId, after, limit),
    (record) => record.row.company.psaId,
  )) {
    for (const { row, decision, orderKey } of chunk) {
      if (decision.kind === 'skip') continue;
      const companyId =
        decision.kind === 'map'
          ? decision.companyId
          : decision.kind === 'keep'
            ? (row.mappedTo?.id ?? null)
            : null;
      const target = {
        psaCompanyId: row.company.psaId,
        name: row.company.name,
        order: targets.size,
        companyId,
      };
      targets.set(row.company.psaId, { target, orderKey });
    }
  }
  return targets;
}

/**
 * Fetches the contacts of the selected companies and writes them, assessed, into the run's rows
 * page by page. An email repeated across the import is resolved at the end from a small map of
 * email → claimant ids, never by holding every contact. The user decisions the admin set before
 * going back to the companies are laid over the rows last, once every row has its final say.
 */
export async function fetchContactsIntoRows(
  deps: AppDeps,
  run: ImportRun,
  session: PsaSession,
  onProgress: ProgressListener,
): Promise<{
  companies: number;
  contacts: number;
  contactTypes: string[];
  skipped: SkippedRecords;
  carried: CarriedUserDecisions | null;
}> {
  const { repos } = deps.storage;
  await repos.runRows.deleteContacts(run.id);
  const targets = await selectedTargets(deps, run.id);
  const [companies, users, contactLinks, domains] = await Promise.all([
    repos.companies.listAll(run.tenantId),
    repos.users.listAll(run.tenantId),
    repos.contactMap.list(run.integrationId),
    repos.companyDomains.listAll(run.tenantId),
  ]);
  // The other-company domain note is worked out here, once per contact, and stored with the row,
  // so a users page never reads the directory to show it.
  const domainIndex = domainIndexOf(domains, users, deps.settings.ownDomains ?? []);
  const assess = contactAssessor({ companies, users, contactLinks, domainIndex });
  const claims = new Map<string, Claims>();
  const types = new Set<string>();
  const seen = new Set<number>();
  const writePage = async (page: readonly PsaContact[]): Promise<void> => {
    const records = [];
    for (const contact of page) {
      const at = targets.get(contact.companyPsaId);
      if (at === undefined || seen.has(contact.psaId)) continue;
      seen.add(contact.psaId);
      const row = assess(contact, at.target);
      for (const type of contact.typeNames) types.add(type);
      records.push(newContactRecord(row, contactOrderKey(at.orderKey, row)));
      if (row.ineligible !== null || row.email === null) continue;
      const claim = emailClaim(row);
      const key = emailKey(row.email);
      const known = claims.get(key);
      if (known === undefined) claims.set(key, { winner: claim, losers: [] });
      else if (claimsBefore(claim, known.winner)) {
        known.losers.push(known.winner.psaContactId);
        known.winner = claim;
      } else known.losers.push(claim.psaContactId);
    }
    await repos.runRows.insertContacts(run.id, records);
  };
  const selected = [...targets.keys()];
  const outcome =
    selected.length === 0
      ? { records: 0, skippedCount: 0, skipped: [] }
      : await session.fetchContacts(selected, onProgress, async (page) => {
          for (let start = 0; start < page.length; start += PAGE_ROWS) {
            await writePage(page.slice(start, start + PAGE_ROWS));
          }
        });
  for (const { winner, losers } of claims.values()) {
    if (losers.length > 0)
      await repos.runRows.markIneligible(run.id, losers, repeatedEmailIneligibility(winner));
  }
  const carried = await restoreUserDecisions(repos, run.id, users);
  return {
    companies: selected.length,
    contacts: seen.size,
    contactTypes: [...types].sort(),
    skipped: withContactsSkipped(run.skipped, outcome.skippedCount, outcome.skipped),
    carried,
  };
}
