import type { CompanyDecision } from './decisions.js';
import type { ManagedCompany } from './directory.js';
import { buildCompanyNameIndex, findDuplicateCandidates, normaliseCompanyName } from './name-matching.js';
import type { PsaCompany } from './psa-records.js';

/** PSA companies of one fetch whose names are the same once normalised ("Gamma Co" / "Gamma Co."). */
export interface ImportTwins {
  readonly key: string;
  /** Every PSA company of the group, by PSA id. */
  readonly companies: readonly { readonly psaId: number; readonly name: string }[];
}

/** Groups of two or more fetched PSA companies with the same normalised name. */
export function findImportTwins(fetched: readonly PsaCompany[]): ImportTwins[] {
  const byKey = new Map<string, { psaId: number; name: string }[]>();
  for (const company of fetched) {
    const { key } = normaliseCompanyName(company.name);
    if (key === '') continue;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [{ psaId: company.psaId, name: company.name }]);
    else group.push({ psaId: company.psaId, name: company.name });
  }
  const twins: ImportTwins[] = [];
  for (const [key, companies] of byKey) {
    if (companies.length > 1) twins.push({ key, companies: companies.sort((a, b) => a.psaId - b.psaId) });
  }
  return twins.sort((a, b) => (a.companies[0]?.psaId ?? 0) - (b.companies[0]?.psaId ?? 0));
}

/**
 * Per PSA id, what to tell the admin about its twins in this import, e.g. `same name as PSA
 * company 412 "Gamma Co." in this import`.
 */
export function importTwinNotes(twins: readonly ImportTwins[]): Map<number, string> {
  const notes = new Map<number, string>();
  for (const group of twins) {
    for (const company of group.companies) {
      const others = group.companies.filter((other) => other.psaId !== company.psaId);
      const listed = others
        .slice(0, 3)
        .map((other) => `PSA company ${other.psaId} "${other.name}"`)
        .join(', ');
      const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
      notes.set(company.psaId, `same name as ${listed}${more} in this import`);
    }
  }
  return notes;
}

export interface PlannedCreate {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly decision: CompanyDecision;
}

/** Creates in one plan that would make managed companies of the same name. */
export interface CreateConflict {
  readonly psaCompanyIds: readonly number[];
  readonly names: readonly string[];
  /** In our words, naming both PSA companies, for the submit refusal. */
  readonly message: string;
}

/**
 * The check at submit: two or more `create` decisions whose names are the same once normalised
 * need the admin's explicit decision on every one of them (a default create is not enough).
 * `decidedPsaIds` are the rows the admin decided explicitly. Empty when the plan may go ahead.
 */
export function checkDuplicateCreates(
  planned: readonly PlannedCreate[],
  decidedPsaIds: ReadonlySet<number>,
): CreateConflict[] {
  const creates = planned.filter((entry) => entry.decision.kind === 'create');
  const twins = findImportTwins(
    creates.map((entry) => ({
      psaId: entry.psaCompanyId,
      name: entry.name,
      typeNames: [],
      statusName: null,
      active: true,
      updatedAt: null,
      nameCut: false,
    })),
  );
  return twins
    .filter((group) => group.companies.some((company) => !decidedPsaIds.has(company.psaId)))
    .map((group) => {
      const listed = group.companies.map((company) => `"${company.name}" (PSA company ${company.psaId})`);
      return {
        psaCompanyIds: group.companies.map((company) => company.psaId),
        names: group.companies.map((company) => company.name),
        message: `${listed.join(' and ')} would become managed companies with the same name; decide each of them`,
      };
    });
}

/** Why an added name is refused: an existing managed company, or an earlier row of the same batch. */
export interface NameConflict {
  readonly name: string;
  readonly existingName: string;
  /** The managed company with that name; null when it is an earlier row of the batch. */
  readonly companyId: string | null;
  /** The earlier row (1-based) of the batch with that name; null for an existing company. */
  readonly row: number | null;
  /** In our words, with the existing name. */
  readonly message: string;
}

/**
 * For manual and CSV adds: per name given, the existing managed company (or earlier row of the
 * same batch) whose name is the same once normalised, or null. A similar name is allowed.
 */
export function findNameConflicts(
  names: readonly string[],
  existing: readonly ManagedCompany[],
): (NameConflict | null)[] {
  const index = buildCompanyNameIndex(existing);
  const batch = new Map<string, { row: number; name: string }>();
  return names.map((name, position) => {
    const same = findDuplicateCandidates(name, index).find((candidate) => candidate.strength === 'same');
    if (same !== undefined) {
      return {
        name,
        existingName: same.companyName,
        companyId: same.companyId,
        row: null,
        message: `"${name}" has the same name as the existing company "${same.companyName}" (${same.reason})`,
      };
    }
    const { key } = normaliseCompanyName(name);
    if (key === '') return null;
    const earlier = batch.get(key);
    if (earlier !== undefined) {
      return {
        name,
        existingName: earlier.name,
        companyId: null,
        row: earlier.row,
        message: `"${name}" has the same name as "${earlier.name}" in row ${earlier.row}`,
      };
    }
    batch.set(key, { row: position + 1, name });
    return null;
  });
}
