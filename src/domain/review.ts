import type { MissingCause, PsaCompany } from './psa-records.js';

/** Import status of a fetched PSA company (DESIGN.md section 3, step 3). */
export type CompanyStatus = 'mapped' | 'unmapped' | 'potential-duplicate';

/**
 * `same`: the same name once normalised (legal forms, case, accents, punctuation, known spellings);
 * a single same candidate is pre-selected for mapping. `similar`: one typo, a space, a note such as
 * "(OLD)", or the same domain; never pre-selected, the admin decides.
 */
export type MatchStrength = 'same' | 'similar';

export interface DuplicateCandidate {
  readonly companyId: string;
  readonly companyName: string;
  /** Human-readable, naming what differs, e.g. `same as "ACME, Inc." after removing "Inc."`. */
  readonly reason: string;
  readonly strength: MatchStrength;
}

export interface ReviewRow {
  readonly company: PsaCompany;
  readonly status: CompanyStatus;
  /** The managed company the map links this PSA company to (status `mapped`). */
  readonly mappedTo: { readonly id: string; readonly name: string } | null;
  /** Managed companies with the same or a similar name, same first (status `potential-duplicate`). */
  readonly candidates: readonly DuplicateCandidate[];
  readonly lastImportedAt: string | null;
  /**
   * The last applied import of this integration left this company out: it stays left out by
   * default. Absent means false.
   */
  readonly leftOutLastTime?: boolean;
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
