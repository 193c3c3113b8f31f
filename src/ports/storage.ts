import type { ApprovalPolicy, ChatPlatform } from '../domain/chat-identity.js';
import type { LicencePool, ManagedCompany, ManagedUser } from '../domain/directory.js';
import type { CompanyLink, ContactLink } from '../domain/mapping.js';
import type { Provider } from '../domain/provider.js';
import type { ImportRun } from '../domain/run.js';
import type { DirectoryApiRepositories } from './directory-api.js';

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly approvalPolicy: ApprovalPolicy;
  readonly createdAt: string;
}

export interface AdminRecord {
  readonly tenantId: string;
  readonly platform: ChatPlatform;
  readonly userId: string;
  readonly displayName: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface IntegrationRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly provider: Provider;
  /** SecretBox output; associated data is the integration id. */
  readonly sealedCredentials: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly runId: string | null;
  /** `${platform}:${userId}`, or "system" for expiry. */
  readonly actorKey: string;
  readonly action: string;
  /** JSON-safe details; never secrets. */
  readonly detail: Readonly<Record<string, unknown>>;
  readonly at: string;
}

export interface Lease {
  readonly key: string;
  readonly holder: string;
  /** Fencing token: grows by one with every new holder, never reused. */
  readonly token: number;
  readonly expiresAt: string;
}

/** The mutable part of a run; `update` writes only the fields given. */
export type RunPatch = Partial<
  Pick<
    ImportRun,
    | 'status'
    | 'filter'
    | 'review'
    | 'contacts'
    | 'overrides'
    | 'thread'
    | 'submittedAt'
    | 'approvalExpiresAt'
    | 'approverKey'
    | 'approverName'
    | 'rejectReason'
    | 'result'
    | 'requestCount'
    | 'failureCode'
    | 'leaseToken'
  >
>;

export interface TenantRepository {
  get(id: string): Promise<Tenant | null>;
  findByWorkspace(platform: ChatPlatform, workspaceId: string): Promise<Tenant | null>;
  insert(tenant: Tenant): Promise<void>;
  /** Links a Slack team, Teams tenant or the terminal to a tenant; idempotent. */
  linkWorkspace(tenantId: string, platform: ChatPlatform, workspaceId: string): Promise<void>;
  setApprovalPolicy(tenantId: string, policy: ApprovalPolicy): Promise<void>;
}

export interface AdminRepository {
  list(tenantId: string): Promise<AdminRecord[]>;
  find(tenantId: string, platform: ChatPlatform, userId: string): Promise<AdminRecord | null>;
  /** Idempotent: adding an existing admin changes nothing. */
  add(admin: AdminRecord): Promise<void>;
  remove(tenantId: string, platform: ChatPlatform, userId: string): Promise<boolean>;
}

export interface IntegrationRepository {
  find(tenantId: string, provider: Provider): Promise<IntegrationRecord | null>;
  get(id: string): Promise<IntegrationRecord | null>;
  /** Insert, or replace the credentials of the (tenant, provider) integration. */
  upsert(record: IntegrationRecord): Promise<void>;
}

export interface ManagedCompanyRepository {
  listAll(tenantId: string): Promise<ManagedCompany[]>;
  get(tenantId: string, id: string): Promise<ManagedCompany | null>;
  /** Case-insensitive substring search on the name, at most `limit`, by name. */
  search(tenantId: string, text: string, limit: number): Promise<ManagedCompany[]>;
  insertMany(tenantId: string, companies: readonly ManagedCompany[]): Promise<void>;
  count(tenantId: string): Promise<number>;
}

export interface ManagedUserRepository {
  listAll(tenantId: string): Promise<ManagedUser[]>;
  listByCompany(tenantId: string, companyId: string): Promise<ManagedUser[]>;
  get(tenantId: string, id: string): Promise<ManagedUser | null>;
  /** Users whose email matches one of `emails`, case-insensitively. */
  findByEmails(tenantId: string, emails: readonly string[]): Promise<ManagedUser[]>;
  /** Fails (unique violation) when an email already exists in the tenant, case-insensitively. */
  insertMany(tenantId: string, users: readonly ManagedUser[]): Promise<void>;
}

export interface LicenceRepository {
  get(tenantId: string): Promise<LicencePool>;
  setTotal(tenantId: string, total: number): Promise<void>;
  addUsed(tenantId: string, count: number): Promise<void>;
}

export interface CompanyMapRepository {
  list(integrationId: string): Promise<CompanyLink[]>;
  /** Insert or replace the link of each PSA company id. */
  upsertMany(integrationId: string, links: readonly CompanyLink[]): Promise<void>;
}

export interface ContactMapRepository {
  list(integrationId: string): Promise<ContactLink[]>;
  upsertMany(integrationId: string, links: readonly ContactLink[]): Promise<void>;
}

export interface RunRepository {
  insert(run: ImportRun): Promise<void>;
  get(id: string): Promise<ImportRun | null>;
  /**
   * Compare-and-set: applies the patch and bumps the version only if the stored version is still
   * `current.version`. Returns the updated run (built from `current` and the patch, so the big
   * snapshots are not read back), or null when someone else got there first.
   */
  update(current: ImportRun, patch: RunPatch, updatedAt: string): Promise<ImportRun | null>;
  /** Newest first, without the review and contacts snapshots. */
  listRecent(tenantId: string, limit: number): Promise<ImportRun[]>;
  /** Runs of the integration that are not finished. */
  listOpen(integrationId: string): Promise<ImportRun[]>;
  /** Unfinished runs of every tenant, for expiry sweeps. */
  listAllOpen(): Promise<ImportRun[]>;
}

export interface LeaseRepository {
  /**
   * Takes the lease when it is free, expired, or already held by `holder`; returns it with a new
   * fencing token (or the same token when `holder` renews), or null when someone else holds it.
   */
  acquire(key: string, holder: string, expiresAt: string, now: string): Promise<Lease | null>;
  /** Extends the lease only if `holder` still holds it with `token`. */
  renew(key: string, holder: string, token: number, expiresAt: string): Promise<boolean>;
  release(key: string, holder: string, token: number): Promise<boolean>;
  get(key: string): Promise<Lease | null>;
}

export interface AuditRepository {
  append(entry: AuditEntry): Promise<void>;
  list(tenantId: string, runId: string | null, limit: number): Promise<AuditEntry[]>;
}

/** Remembers request keys (Slack retries, Teams activity ids) so a replay has no effect. */
export interface DedupeRepository {
  /** True the first time a key is claimed; false for every later claim until it expires. */
  claim(key: string, now: string, expiresAt: string): Promise<boolean>;
  purgeExpired(now: string): Promise<number>;
}

export interface Repositories {
  readonly tenants: TenantRepository;
  readonly admins: AdminRepository;
  readonly integrations: IntegrationRepository;
  readonly companies: ManagedCompanyRepository;
  readonly users: ManagedUserRepository;
  readonly licences: LicenceRepository;
  readonly companyMap: CompanyMapRepository;
  readonly contactMap: ContactMapRepository;
  readonly runs: RunRepository;
  readonly leases: LeaseRepository;
  readonly audit: AuditRepository;
  readonly dedupe: DedupeRepository;
  readonly directoryApi: DirectoryApiRepositories;
}

/**
 * Storage with explicit transactions. Never hold a transaction across a network call: a use case
 * fetches from the PSA first and writes afterwards.
 */
export interface Storage {
  readonly repos: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
