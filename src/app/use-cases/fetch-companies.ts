import { companyClassifier, missingRows, reviewOrderKey } from '../../domain/diff.js';
import { type AnalysedName, analyseCompanyName } from '../../domain/name-matching.js';
import type { PsaCompany } from '../../domain/psa-records.js';
import type { ReviewRow } from '../../domain/review.js';
import type { ImportRun } from '../../domain/run.js';
import { companiesSkipped, type SkippedRecords } from '../../domain/skipped-records.js';
import type { ProgressListener, PsaSession } from '../../ports/psa-gateway.js';
import { loadDomainIndex } from '../company-domain-index.js';
import type { AppDeps } from '../deps.js';
import { newCompanyRecord } from '../run-rows.js';

/** At most this many records are classified and written in one go (a PSA page may be larger). */
export const PAGE_ROWS = 1_000;

/**
 * Fetches the run's companies and writes each page into the run's rows as it arrives: every page
 * is classified against the map and a name index built once, so only the ids seen so far are
 * held. Afterwards the links whose ids were not seen become the "not in PSA" rows.
 */
export async function fetchCompaniesIntoRows(
  deps: AppDeps,
  run: ImportRun,
  session: PsaSession,
  onProgress: ProgressListener,
): Promise<{ readonly skipped: SkippedRecords }> {
  const { repos } = deps.storage;
  const [links, companies, leftOut, domains] = await Promise.all([
    repos.companyMap.list(run.integrationId),
    repos.companies.listAll(run.tenantId),
    repos.runRows.leftOutByLastImport(run.integrationId),
    loadDomainIndex(repos, run.tenantId, deps.settings.ownDomains ?? []),
  ]);
  const classifyFetched = companyClassifier(links, companies, domains);
  const leftOutIds = new Set(leftOut);
  const classify = (company: PsaCompany, name: AnalysedName): ReviewRow => {
    const row = classifyFetched(company, name);
    return leftOutIds.has(company.psaId) ? { ...row, leftOutLastTime: true } : row;
  };
  const seen = new Set<number>();
  // Normalised names already defaulting to Create: a later twin of one waits for the admin's
  // decision (left out by default) instead of making a second company of the same name.
  const creating = new Set<string>();
  const withTwinDefault = (record: ReturnType<typeof newCompanyRecord>, key: string) => {
    if (record.defaultDecision.kind !== 'create') return record;
    if (key === '') return record;
    if (!creating.has(key)) {
      creating.add(key);
      return record;
    }
    const skip = { kind: 'skip' } as const;
    return { ...record, defaultDecision: skip, decision: skip };
  };
  const writePage = async (page: readonly PsaCompany[]): Promise<void> => {
    const fresh = page.filter((company) => !seen.has(company.psaId));
    for (const company of fresh) seen.add(company.psaId);
    const records = fresh.map((company) => {
      // Analysed once for the matching, the same-name default and the stored name key.
      const name = analyseCompanyName(company.name);
      const row = classify(company, name);
      const nameKey = name.key;
      return { ...withTwinDefault(newCompanyRecord(row, reviewOrderKey(row)), nameKey), nameKey };
    });
    await repos.runRows.insertCompanies(run.id, records);
  };
  const outcome = await session.fetchCompanies(run.filter, onProgress, async (page) => {
    for (let start = 0; start < page.length; start += PAGE_ROWS) {
      await writePage(page.slice(start, start + PAGE_ROWS));
    }
  });
  const missingIds = links.map((link) => link.psaCompanyId).filter((id) => !seen.has(id));
  const causes = missingIds.length === 0 ? new Map() : await session.explainMissing(missingIds, run.filter);
  await repos.runRows.insertMissing(
    run.id,
    missingRows(links, (id) => seen.has(id), companies, causes),
  );
  return { skipped: companiesSkipped(outcome.skippedCount, outcome.skipped) };
}
