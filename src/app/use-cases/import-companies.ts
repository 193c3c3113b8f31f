import { audit } from '../audit.js';
import type { CompanyImportResult, CompanyImportRow, DomainProblem } from '../bot-api.js';
import type { AppDeps } from '../deps.js';
import { checkDomain } from './company-domains.js';
import { insertManagedCompanies } from './managed-companies.js';

/**
 * The CSV import with its `domain` column (issue 11): each domain is checked as
 * `/psa companies domain` checks it, and a row with a refused domain is not added at all, as a row
 * with a bad name is not, so fixing the file and importing it again adds it whole. The domains of
 * the companies added are stored (source `csv`) and audited one by one as the chat command does.
 */
export async function importManagedCompanies(
  deps: AppDeps,
  tenantId: string,
  actorKey: string,
  rows: readonly CompanyImportRow[],
): Promise<CompanyImportResult> {
  const ownDomains = deps.settings.ownDomains ?? [];
  const checked = rows.map((row) => checkDomains(row.domains, ownDomains));
  const accepted = rows.flatMap((row, index) => {
    const domains = checked[index];
    return domains === undefined || 'hint' in domains ? [] : [{ row, index, domains }];
  });
  const inserted = await deps.storage.transaction(async (repos) => {
    const { ids, existingNames } = await insertManagedCompanies(
      deps,
      repos,
      tenantId,
      actorKey,
      accepted.map(({ row }) => row.name),
    );
    const records = accepted.flatMap(({ domains }, at) => {
      const companyId = ids[at];
      if (companyId === null || companyId === undefined) return [];
      return domains.map((domain) => ({ companyId, domain, source: 'csv' as const }));
    });
    await repos.companyDomains.add(tenantId, records, deps.clock.now().toISOString());
    for (const { companyId, domain, source } of records)
      await audit(
        { repos, clock: deps.clock, ids: deps.ids },
        {
          tenantId,
          runId: null,
          actorKey,
          action: 'companies.domain-added',
          detail: { companyId, domain, source },
        },
      );
    return { ids, existingNames };
  });
  // Back from the accepted rows to every row of the file.
  const existingNames = rows.map((): string | null => null);
  accepted.forEach(({ index }, at) => {
    existingNames[index] = inserted.existingNames[at] ?? null;
  });
  return {
    added: inserted.ids.filter((id) => id !== null).length,
    existingNames,
    domainProblems: checked.map((domains) => (domains !== undefined && 'hint' in domains ? domains : null)),
  };
}

/** The row's domains normalised and without repeats, or the first one refused and why. */
function checkDomains(texts: readonly string[], ownDomains: readonly string[]): string[] | DomainProblem {
  const out = new Set<string>();
  for (const text of texts) {
    const checked = checkDomain(text, ownDomains);
    if ('refused' in checked) return { domain: text, hint: checked.refused };
    out.add(checked.domain);
  }
  return [...out];
}
