/**
 * What a PSA provider hands the core after validating the vendor's response. The PSA's numeric id
 * is the stable key; names change and repeat.
 */
export interface PsaCompany {
  readonly psaId: number;
  /** Cleaned (see psa-text.ts) and cut to MAX_NAME_LENGTH code points. */
  readonly name: string;
  /** True when the PSA's name was longer than MAX_NAME_LENGTH and was cut. */
  readonly nameCut: boolean;
  /** Company type names as the PSA labels them (ConnectWise `types[]`, Autotask `companyType`). */
  readonly typeNames: readonly string[];
  /** ConnectWise status name; null where the PSA has no status (Autotask). */
  readonly statusName: string | null;
  readonly active: boolean;
  /** Last change in the PSA, ISO 8601 UTC, when the PSA reports it. */
  readonly updatedAt: string | null;
  /**
   * Issue 11: the PSA company's website as the PSA lists it, for the same-domain flag; absent or
   * null where the PSA has none or the provider does not read it.
   */
  readonly website?: string | null;
}

export interface PsaContact {
  readonly psaId: number;
  readonly companyPsaId: number;
  readonly firstName: string;
  readonly lastName: string;
  /** Email addresses as the PSA lists them, default first; may be empty. */
  readonly emails: readonly string[];
  readonly active: boolean;
  /** Contact types or groups, so admins can narrow the list (e.g. "Billing", "Primary"). */
  readonly typeNames: readonly string[];
}

/** A choice the admin can filter companies by, as the PSA reports it. */
export interface FilterChoice {
  readonly id: string;
  readonly name: string;
  /** Part of the sensible default filter (client/customer type, active status). */
  readonly isDefault: boolean;
}

export interface FilterOptions {
  readonly types: readonly FilterChoice[];
  /** Statuses (ConnectWise); empty for PSAs that only have an active flag. */
  readonly statuses: readonly FilterChoice[];
}

/**
 * Which PSA companies an import considers. Ids come from FilterOptions. Deleted (recycle bin)
 * companies and the MSP's own company are always excluded by the provider.
 */
export interface CompanyFilter {
  /** Empty means every type. */
  readonly typeIds: readonly string[];
  /** Empty means every status. */
  readonly statusIds: readonly string[];
  readonly activeOnly: boolean;
  /**
   * How the review header names this filter ("Client; Active; active only"), built from the PSA's
   * choice names when the import starts (untrusted text). Absent on runs stored before issue 15.
   */
  readonly label?: string;
  /** True when the admin typed no filter words: the PSA's default types and statuses. */
  readonly isDefault?: boolean;
}

/** Why a company that was imported before did not come back in this fetch. */
export type MissingCause = 'filtered-out' | 'deleted' | 'not-found';
