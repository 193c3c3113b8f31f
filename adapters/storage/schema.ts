import type { Generated } from 'kysely';
import type { DirectoryApiTables } from './directory-api-schema.js';

/**
 * Row shapes of the tables created by `migrations/`. Timestamps are ISO 8601 UTC text, JSON is
 * text, so both dialects store and compare them the same way.
 */
export interface Database extends DirectoryApiTables {
  tenants: TenantTable;
  tenant_workspaces: TenantWorkspaceTable;
  admins: AdminTable;
  integrations: IntegrationTable;
  managed_companies: ManagedCompanyTable;
  managed_users: ManagedUserTable;
  licence_pools: LicencePoolTable;
  company_map: CompanyMapTable;
  contact_map: ContactMapTable;
  import_runs: ImportRunTable;
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
  review: string | null;
  contacts: string | null;
  overrides: string;
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
