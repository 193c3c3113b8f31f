/**
 * What the admin decided per company and per contact. Defaults come from the review; only the
 * admin's overrides are stored on the run.
 */
export type CompanyDecision =
  /** Unmapped row: create a new managed company. */
  | { readonly kind: 'create' }
  /** Mapped row: re-import into the company the map links it to. */
  | { readonly kind: 'keep' }
  /** Map to an existing managed company (a duplicate candidate or any company picked by search). */
  | { readonly kind: 'map'; readonly companyId: string }
  /** Mapped row: drop the link and create a new managed company. */
  | { readonly kind: 'unmap-create' }
  /** Leave the company out of this import. */
  | { readonly kind: 'skip' };

export type CompanyDecisionKind = CompanyDecision['kind'];

export type UserDecision =
  /** Grant access: create a new managed user, or keep the user the map links this contact to. */
  | { readonly kind: 'grant' }
  /** Map the contact to an existing managed user of the target company. */
  | { readonly kind: 'map'; readonly userId: string }
  /** Contact was linked: drop the link and create a new managed user. */
  | { readonly kind: 'unmap-create' }
  | { readonly kind: 'skip' };

export type UserDecisionKind = UserDecision['kind'];

/** Why a contact cannot be granted access (the "red X"). */
export type Ineligibility =
  | { readonly code: 'no-email' }
  | { readonly code: 'inactive' }
  /** The email already belongs to a user of another managed company. */
  | { readonly code: 'email-taken'; readonly companyName: string }
  /** Another contact in this same import has the same email and comes first. */
  | { readonly code: 'email-repeated'; readonly otherContactName: string; readonly otherCompanyName: string };

export interface DecisionOverrides {
  /** Keyed by PSA company id. */
  readonly companies: Readonly<Record<string, CompanyDecision>>;
  /** Keyed by PSA contact id. */
  readonly users: Readonly<Record<string, UserDecision>>;
}

export const NO_OVERRIDES: DecisionOverrides = { companies: {}, users: {} };

export type CompanyBulkAction =
  /** Create every unmapped (non-duplicate) company. */
  | 'create-all-unmapped'
  /** Map every duplicate that has exactly one candidate to that candidate. */
  | 'map-all-single-candidates'
  | 'skip-all'
  /** Back to the defaults. */
  | 'reset';

export type UserBulkAction = 'grant-all-eligible' | 'skip-all' | 'reset';

/** Which contacts a bulk user action touches: one company or all, optionally one contact type. */
export interface ContactScope {
  readonly psaCompanyId: number | null;
  readonly contactType: string | null;
}
