import type { CompanyDecision, Ineligibility, UserDecision } from './decisions.js';
import type { DomainOwnerNote } from './domain-owner-note.js';
import type { PsaContact } from './psa-records.js';

/** A fetched contact with what the bot knows about it, for the user decisions (step 5). */
export interface ContactRow {
  readonly contact: PsaContact;
  readonly companyName: string;
  /** The email the user would get: the PSA's default, else the first; null when there is none. */
  readonly email: string | null;
  /** The managed user the contact map links this contact to. */
  readonly linkedUser: { readonly id: string; readonly email: string } | null;
  /** An existing user of the target managed company with the same email: mapping is proposed. */
  readonly sameEmailUser: { readonly id: string; readonly email: string } | null;
  readonly ineligible: Ineligibility | null;
  /**
   * The existing managed company the contact's company lands in (keep or map); null when this
   * import creates it. Only users of this company can be mapped to.
   */
  readonly targetCompanyId?: string | null;
  /** The contact's email domain is a known domain of other managed companies (a note only). */
  readonly domainOwner?: DomainOwnerNote | null;
}

export interface PlannedCompany {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly decision: CompanyDecision;
  /** The managed company a `keep` or `map` decision lands in. */
  readonly targetCompanyId: string | null;
}

export interface PlannedUser {
  readonly psaContactId: number;
  readonly companyPsaId: number;
  readonly email: string;
  readonly displayName: string;
  readonly decision: UserDecision;
  /** The managed user the map linked this contact to before this import. */
  readonly linkedUserId: string | null;
}

export interface PlanCounts {
  readonly companiesCreate: number;
  readonly companiesMap: number;
  readonly companiesUnmap: number;
  readonly companiesKeep: number;
  readonly companiesSkip: number;
  /** New managed users: each uses one licence. */
  readonly usersGrant: number;
  readonly usersKeep: number;
  readonly usersMap: number;
  readonly usersSkip: number;
  readonly usersIneligible: number;
}

/** Everything an approved import will do; only non-skipped entries are listed. */
export interface Plan {
  readonly companies: readonly PlannedCompany[];
  readonly users: readonly PlannedUser[];
  readonly counts: PlanCounts;
}

export interface LicenceCheck {
  readonly needed: number;
  readonly free: number;
  readonly enough: boolean;
}

/** One write the apply step performs; computed against the directory as it is at apply time. */
export type Write =
  | { readonly kind: 'create-company'; readonly companyId: string; readonly name: string }
  | { readonly kind: 'link-company'; readonly psaCompanyId: number; readonly companyId: string }
  | {
      readonly kind: 'create-user';
      readonly userId: string;
      readonly companyId: string;
      readonly email: string;
      readonly displayName: string;
    }
  | { readonly kind: 'link-contact'; readonly psaContactId: number; readonly userId: string };

export interface ApplyIssue {
  /** What the error is about, e.g. a company or contact name (untrusted PSA text). */
  readonly subject: string;
  readonly message: string;
}

export interface ApplyResult {
  readonly companiesCreated: number;
  readonly companiesMapped: number;
  readonly companiesUnmapped: number;
  readonly companiesKept: number;
  readonly usersImported: number;
  readonly usersMapped: number;
  readonly usersKept: number;
  /**
   * Users imported before whose PSA contact was not fetched again for their company: reported,
   * never removed. Absent when the import fetched no contacts.
   */
  readonly usersGoneFromPsa?: number;
  readonly errors: readonly ApplyIssue[];
}
