import { type AnalysedName, analyseCompanyName } from './company-name.js';
import type { ManagedCompany } from './directory.js';
import { matchReason } from './match-reason.js';
import type { DuplicateCandidate } from './review.js';
import { compareKeys, sortKey } from './text-order.js';

export { type NormalisedName, normaliseCompanyName } from './company-name.js';

export interface IndexedCompany {
  readonly company: ManagedCompany;
  readonly name: AnalysedName;
}

/** Managed companies by normalised name. Build once per diff; treat as opaque. */
export interface CompanyNameIndex {
  readonly size: number;
  readonly byKey: ReadonlyMap<string, readonly IndexedCompany[]>;
}

export function buildCompanyNameIndex(companies: readonly ManagedCompany[]): CompanyNameIndex {
  const byKey = new Map<string, { entry: IndexedCompany; order: string }[]>();
  for (const company of companies) {
    const name = analyseCompanyName(company.name);
    // A name without letters or digits says nothing about identity; it matches nothing.
    if (name.key === '') continue;
    const bucket = byKey.get(name.key) ?? [];
    bucket.push({ entry: { company, name }, order: sortKey(company.name) });
    byKey.set(name.key, bucket);
  }
  const sorted = new Map<string, readonly IndexedCompany[]>();
  for (const [key, bucket] of byKey) {
    bucket.sort(
      (a, b) =>
        compareKeys(a.order, b.order) ||
        compareKeys(a.entry.company.name, b.entry.company.name) ||
        compareKeys(a.entry.company.id, b.entry.company.id),
    );
    sorted.set(
      key,
      bucket.map((item) => item.entry),
    );
  }
  return { size: companies.length, byKey: sorted };
}

/** Managed companies whose normalised name equals the PSA name's, by name, each with its reason. */
export function findDuplicateCandidates(psaName: string, index: CompanyNameIndex): DuplicateCandidate[] {
  const name = analyseCompanyName(psaName);
  if (name.key === '') return [];
  const bucket = index.byKey.get(name.key) ?? [];
  return bucket.map(({ company, name: managedName }) => ({
    companyId: company.id,
    companyName: company.name,
    reason: matchReason(name, managedName, company.name),
  }));
}
