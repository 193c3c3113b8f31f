import type { Generated } from 'kysely';
import type { DigestTables } from './digest-schema.js';
import type { DirectoryApiTables } from './directory-api-schema.js';
import type { KeptUserDecisionTables } from './kept-decisions-schema.js';

/**
 * Row shapes of the tables created by `migrations/`. Timestamps are ISO 8601 UTC text, JSON is
 * text, so both dialects store and compare them the same way.
 */
export interface Database extends DirectoryApiTables, DigestTables, KeptUserDecisionTables {
  tenants: TenantTable;
  tenant_workspaces: TenantWorkspaceTable;
  admins: AdminTable;
  integrations: IntegrationTable;
  managed_companies: ManagedCompanyTable;
  managed_users: ManagedUserTable;
  company_domains: CompanyDomainTable;
  licence_pools: LicencePoolTable;
  company_map: CompanyMapTable;
  contact_map: ContactMapTable;
  import_runs: ImportRunTable;
  run_companies: RunCompanyTable;
  run_missing: RunMissingTable;
  run_contacts: RunContactTable;
  run_counts: RunCountsTable;
  run_name_twins: RunNameTwinsTable;
  leases: LeaseTable;
  audit_log: AuditLogTable;
  dedupe_keys: DedupeKeyTable;
}

export interface TenantTable {
  id: string;
  name: string;
  approval_policy: string;
  created_at: string;
}

export interface TenantWorkspaceTable {
  platform: string;
  workspace_id: string;
  tenant_id: string;
}

export interface AdminTable {
  tenant_id: string;
  platform: string;
  user_id: string;
  display_name: string;
  added_by: string;
  added_at: string;
}

export interface IntegrationTable {
  id: string;
  tenant_id: string;
  provider: string;
  sealed_credentials: string;
  created_at: string;
  updated_at: string;
}

export interface ManagedCompanyTable {
  id: string;
  tenant_id: string;
  name: string;
  /** Lower-cased, accent-free name for search and ordering. */
  name_folded: string;
  created_at: string;
}

export interface ManagedUserTable {
  id: string;
  tenant_id: string;
  company_id: string;
  email: string;
  /** Lower-cased in JavaScript: SQLite's lower() only folds ASCII, so the database never folds. */
  email_lower: string;
  display_name: string;
}

/** Issue 11: a managed company's domain from a CSV or set by hand (migration 0006). */
export interface CompanyDomainTable {
  tenant_id: string;
  company_id: string;
  domain: string;
  /** `csv` or `chat`. */
  source: string;
  added_at: string;
}

export interface LicencePoolTable {
  tenant_id: string;
  total: number;
  used: number;
}

export interface CompanyMapTable {
  integration_id: string;
  psa_company_id: number;
  managed_company_id: string;
  last_imported_at: string;
}

export interface ContactMapTable {
  integration_id: string;
  psa_contact_id: number;
  managed_user_id: string;
  last_imported_at: string;
}

export interface ImportRunTable {
  id: string;
  tenant_id: string;
  integration_id: string;
  provider: string;
  requester_key: string;
  requester_name: string;
  status: string;
  version: number;
  lease_token: number;
  filter: string;
  thread: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  approval_expires_at: string | null;
  approver_key: string | null;
  approver_name: string | null;
  reject_reason: string | null;
  result: string | null;
  request_count: number;
  failure_code: string | null;
  /** JSON: PSA records the provider skipped as malformed (count and the first few). */
  skipped: string | null;
  /** JSON: every PSA contact type among the fetched contacts, for the users filter. */
  contact_types: string | null;
}

/**
 * One fetched PSA company of a run. Decisions are columns (kind + target id), the default beside
 * the current one, so counts are a GROUP BY and a bulk action or a reset is one UPDATE.
 */
export interface RunCompanyTable {
  run_id: string;
  psa_company_id: number;
  /** Unmapped first, then by name sort key; ties broken by psa_company_id. */
  order_key: string;
  name: string;
  /** 1 when the PSA's name was longer than the bot keeps and was cut. */
  name_cut: number;
  /** JSON array of strings. */
  type_names: string;
  status_name: string | null;
  active: number;
  psa_updated_at: string | null;
  status: string;
  mapped_id: string | null;
  mapped_name: string | null;
  /** JSON array of duplicate candidates, validated on read. */
  candidates: string;
  /** The only candidate's id, so "map all single candidates" is one UPDATE. */
  single_candidate: string | null;
  last_imported_at: string | null;
  default_kind: string;
  default_target: string | null;
  decision_kind: string;
  decision_target: string | null;
  /** 1 when the integration's last applied import left this company out (migration 0009). */
  left_out_before: number;
  /** The normalised name, to find twins in the same import; null for rows before 0010. */
  name_key: string | null;
  /** 1 when the admin set this row's decision themselves (not a default or a bulk action). */
  decided: number;
}

/** A company mapped before but not fetched this time ("not in PSA"). */
export interface RunMissingTable {
  run_id: string;
  psa_company_id: number;
  order_key: string;
  managed_company_id: string;
  managed_company_name: string;
  last_imported_at: string;
  cause: string;
  reason: string;
}

/** One fetched PSA contact of a run, assessed, with its default and current decision. */
export interface RunContactTable {
  run_id: string;
  psa_contact_id: number;
  company_psa_id: number;
  /** The company's review order, then the contact's name sort key; ties by psa_contact_id. */
  order_key: string;
  first_name: string;
  last_name: string;
  /** JSON array of strings. */
  emails: string;
  active: number;
  /** JSON array of strings. */
  type_names: string;
  /** `|type|other|`, lower-cased, for the contact-type filter of bulk actions. */
  type_key: string;
  company_name: string;
  email: string | null;
  linked_user_id: string | null;
  linked_user_email: string | null;
  same_email_user_id: string | null;
  same_email_user_email: string | null;
  /** JSON Ineligibility, validated on read; null when eligible. */
  ineligible: string | null;
  /** 1 when the contact can be granted (no red X and an email). */
  eligible: number;
  target_company_id: string | null;
  /** JSON DomainOwnerNote (migration 0013), validated on read; null when there is no note. */
  domain_owner: string | null;
  default_kind: string;
  default_target: string | null;
  decision_kind: string;
  decision_target: string | null;
}

/**
 * A run's tallies, kept by triggers in the same statement as every change to its rows
 * (migration 0005), so a click reads one row instead of counting the import.
 */
export interface RunCountsTable {
  run_id: string;
  companies_total: number;
  companies_mapped: number;
  companies_unmapped: number;
  companies_duplicates: number;
  companies_create: number;
  companies_map: number;
  companies_unmap: number;
  companies_keep: number;
  companies_skip: number;
  companies_offer_create: number;
  companies_offer_map: number;
  companies_offer_reset: number;
  contacts_total: number;
  contacts_ineligible: number;
  contacts_skip: number;
  contacts_map: number;
  contacts_keep: number;
  contacts_grant: number;
  contacts_not_skipped: number;
  contacts_reset: number;
}

/**
 * The normalised names two or more company rows of a run share (migration 0015), kept by triggers
 * as rows are inserted, so submit's same-name check reads only those rows.
 */
export interface RunNameTwinsTable {
  run_id: string;
  name_key: string;
}

export interface LeaseTable {
  key: string;
  /** Empty when released: the row stays so fencing tokens keep growing. */
  holder: string;
  token: number;
  expires_at: string;
}

export interface AuditLogTable {
  /** Insertion order; timestamps from a fake clock often tie. */
  seq: Generated<number>;
  id: string;
  tenant_id: string;
  run_id: string | null;
  actor_key: string;
  action: string;
  detail: string;
  at: string;
}

export interface DedupeKeyTable {
  key: string;
  expires_at: string;
}
