import type { MissingCause, PsaCompany } from './psa-records.js';

/** Import status of a fetched PSA company (DESIGN.md section 3, step 3). */
export type CompanyStatus = 'mapped' | 'unmapped' | 'potential-duplicate';

export interface DuplicateCandidate {
  readonly companyId: string;
  readonly companyName: string;
  /** Human-readable, e.g. `same as "ACME, Inc." after removing "Inc."`. */
  readonly reason: string;
}

export interface ReviewRow {
  readonly company: PsaCompany;
  readonly status: CompanyStatus;
  /** The managed company the map links this PSA company to (status `mapped`). */
  readonly mappedTo: { readonly id: string; readonly name: string } | null;
  /** Managed companies with the same normalised name (status `potential-duplicate`). */
  readonly candidates: readonly DuplicateCandidate[];
  readonly lastImportedAt: string | null;
}

/** Mapped before, but not in this fetch. Nothing is deleted because of it. */
export interface MissingRow {
  readonly psaCompanyId: number;
  readonly managedCompanyId: string;
  readonly managedCompanyName: string;
  readonly lastImportedAt: string;
  readonly cause: MissingCause;
  /** Human-readable likely reason. */
  readonly reason: string;
}

/** The classification of one fetch: "Companies in PSA" (unmapped first) and "Companies not in PSA". */
export interface Review {
  readonly inPsa: readonly ReviewRow[];
  readonly notInPsa: readonly MissingRow[];
}
