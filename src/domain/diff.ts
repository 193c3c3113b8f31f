import { type DomainIndex, findSameDomain } from './company-domains.js';
import type { ManagedCompany } from './directory.js';
import { sortByGroupKeyId } from './keyed-sort.js';
import type { CompanyLink } from './mapping.js';
import { type AnalysedName, buildCompanyNameIndex, findDuplicateCandidates } from './name-matching.js';
import type { MissingCause, PsaCompany } from './psa-records.js';
import type { DuplicateCandidate, MissingRow, Review, ReviewRow } from './review.js';
import { reviewGroup, reviewGroupIndex, reviewGroupRank } from './review-order.js';
import { sortKey } from './text-order.js';

const MISSING_REASONS: Readonly<Record<MissingCause, string>> = {
  'filtered-out': "not selected by this import's filter (e.g. inactive or another type)",
  deleted: 'deleted in the PSA (recycle bin)',
  'not-found': 'not found in the PSA (deleted or merged)',
};

export interface DiffInput {
  readonly fetched: readonly PsaCompany[];
  /** This integration's company map. */
  readonly links: readonly CompanyLink[];
  readonly companies: readonly ManagedCompany[];
  /** Why a linked PSA company did not come back, where the provider could tell; else not-found. */
  readonly missingCauses: ReadonlyMap<number, MissingCause>;
}

/**
 * Classifies one fetched company; build once per import with `companyClassifier`. `name`: the
 * company's name analysed already, when the caller has it (else it is analysed here if needed).
 */
export type CompanyClassifier = (company: PsaCompany, name?: AnalysedName) => ReviewRow;

/**
 * The map and the directory indexed once, so each page of a fetch is classified as it arrives
 * without holding the whole fetch.
 */
export function companyClassifier(
  links: readonly CompanyLink[],
  companies: readonly ManagedCompany[],
  domains?: DomainIndex,
): CompanyClassifier {
  // Only linked companies and domain matches are looked up by id: without either, no map is built.
  const companiesById = byId(companies, links.length > 0 || domains !== undefined);
  const linksByPsaId = new Map(links.map((link) => [link.psaCompanyId, link]));
  const psaIdsByCompany = new Map<string, number[]>();
  for (const link of links) {
    const ids = psaIdsByCompany.get(link.managedCompanyId) ?? [];
    ids.push(link.psaCompanyId);
    psaIdsByCompany.set(link.managedCompanyId, ids);
  }
  const index = buildCompanyNameIndex(companies);
  return (company, name) => {
    // A first import has no links: no lookup per row then.
    const link = linksByPsaId.size === 0 ? undefined : linksByPsaId.get(company.psaId);
    const mapped = link === undefined ? undefined : companiesById.get(link.managedCompanyId);
    // A link to a company that no longer exists is no mapping: the row is offered as unmapped.
    const lastImportedAt = link?.lastImportedAt ?? null;
    if (mapped !== undefined) {
      return {
        company,
        status: 'mapped',
        mappedTo: { id: mapped.id, name: mapped.name },
        candidates: [],
        lastImportedAt,
      };
    }
    const byName = findDuplicateCandidates(name ?? company.name, index);
    const withDomains =
      domains === undefined ? byName : addSameDomain(byName, company, domains, companiesById);
    // Without links there is nothing to note: no copy of the list for each of 100,000 rows.
    const candidates =
      psaIdsByCompany.size === 0
        ? withDomains
        : withDomains.map((candidate) =>
            noteOtherLinks(candidate, psaIdsByCompany.get(candidate.companyId) ?? [], company.psaId),
          );
    const status = candidates.length > 0 ? 'potential-duplicate' : 'unmapped';
    return { company, status, mappedTo: null, candidates, lastImportedAt };
  };
}

/**
 * The review order as one text key: decisions first (see review-order.ts), then by name; ties go
 * by PSA id. Computed once when the row is written; the page query orders by it on its index.
 */
export function reviewOrderKey(row: ReviewRow): string {
  return `${reviewGroupRank(reviewGroup(row))}${sortKey(row.company.name)}`;
}

/** "Companies not in PSA": links whose PSA id the fetch did not return, in display order. */
export function missingRows(
  links: readonly CompanyLink[],
  fetched: (psaId: number) => boolean,
  companies: readonly ManagedCompany[],
  missingCauses: ReadonlyMap<number, MissingCause>,
): MissingRow[] {
  if (links.length === 0) return [];
  const companiesById = byId(companies, true);
  const notInPsa: MissingRow[] = [];
  for (const link of links) {
    if (fetched(link.psaCompanyId)) continue;
    const company = companiesById.get(link.managedCompanyId);
    // The managed company is gone too: there is nothing left to tell the admin about.
    if (company === undefined) continue;
    const cause = missingCauses.get(link.psaCompanyId) ?? 'not-found';
    notInPsa.push({
      psaCompanyId: link.psaCompanyId,
      managedCompanyId: company.id,
      managedCompanyName: company.name,
      lastImportedAt: link.lastImportedAt,
      cause,
      reason: MISSING_REASONS[cause],
    });
  }
  return sortByGroupKeyId(
    notInPsa,
    () => 0,
    (row) => sortKey(row.managedCompanyName),
    (row) => row.psaCompanyId,
  );
}

/** Classifies one fetch against the map and the directory (DESIGN.md section 3, step 3). */
export function diffCompanies(input: DiffInput): Review {
  const classify = companyClassifier(input.links, input.companies);
  // Only links can be missing from the fetch: without any, no set of 100,000 ids.
  const fetchedIds =
    input.links.length === 0 ? new Set<number>() : new Set(input.fetched.map((company) => company.psaId));
  return {
    // The order of reviewOrderKey, with the group apart: the key then stays one flat string.
    inPsa: sortByGroupKeyId(
      input.fetched.map((company) => classify(company)),
      (row) => reviewGroupIndex(reviewGroup(row)),
      (row) => sortKey(row.company.name),
      (row) => row.company.psaId,
    ),
    notInPsa: missingRows(input.links, (id) => fetchedIds.has(id), input.companies, input.missingCauses),
  };
}

/**
 * Issue 11: a managed company sharing the PSA company's website domain. Where it is already a name
 * candidate the domain is added to its reason (a same name stays pre-selectable); otherwise it is
 * a `similar` candidate, never pre-selected.
 */
function addSameDomain(
  byName: readonly DuplicateCandidate[],
  company: PsaCompany,
  domains: DomainIndex,
  companiesById: ReadonlyMap<string, ManagedCompany>,
): DuplicateCandidate[] {
  const website = company.website ?? null;
  if (website === null) return [...byName];
  const found = findSameDomain({ website, emails: [] }, domains);
  if (found.length === 0) return [...byName];
  const reasons = new Map(found.map((match) => [match.companyId, match.reason]));
  const merged = byName.map((candidate) => {
    const reason = reasons.get(candidate.companyId);
    return reason === undefined ? candidate : { ...candidate, reason: `${candidate.reason}; ${reason}` };
  });
  const named = new Set(byName.map((candidate) => candidate.companyId));
  const extra = found.flatMap(({ companyId, reason }): DuplicateCandidate[] => {
    const managed = companiesById.get(companyId);
    if (named.has(companyId) || managed === undefined) return [];
    // Surfaces show the reason alone, so it names the company as name reasons do.
    return [
      { companyId, companyName: managed.name, reason: `${reason} as "${managed.name}"`, strength: 'similar' },
    ];
  });
  return [...merged, ...extra];
}

function noteOtherLinks(
  candidate: DuplicateCandidate,
  linkedPsaIds: readonly number[],
  psaId: number,
): DuplicateCandidate {
  const others = linkedPsaIds.filter((id) => id !== psaId);
  if (others.length === 0) return candidate;
  const which =
    others.length === 1 ? `PSA company ${others[0]}` : `PSA companies ${others.slice(0, 3).join(', ')}`;
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return { ...candidate, reason: `${candidate.reason}; already imported from ${which}${more}` };
}

function byId(companies: readonly ManagedCompany[], needed: boolean): Map<string, ManagedCompany> {
  const map = new Map<string, ManagedCompany>();
  if (needed) for (const company of companies) map.set(company.id, company);
  return map;
}
