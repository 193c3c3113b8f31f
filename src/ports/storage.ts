import type { ApprovalPolicy, ChatPlatform } from '../domain/chat-identity.js';
import type {
  CompanyBulkAction,
  CompanyDecision,
  ContactScope,
  UserBulkAction,
  UserDecision,
} from '../domain/decisions.js';
import type { LicencePool, ManagedCompany, ManagedUser } from '../domain/directory.js';
import type { ImportTwins, PlannedCreate } from '../domain/import-duplicates.js';
import type { CompanyLink, ContactLink } from '../domain/mapping.js';
import type { ContactRow, PlanCounts } from '../domain/plan-model.js';
import type { Provider } from '../domain/provider.js';
import type { MissingRow, ReviewRow } from '../domain/review.js';
import type { ImportRun, RunBase, RunStatusPart } from '../domain/run.js';
import type { SkippingRead } from './damaged-record.js';
import type { DigestRepository } from './digest-store.js';
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

/** Base fields of a run that change in any status; `update` writes only the ones given. */
export type RunChange = Partial<
  Pick<RunBase, 'filter' | 'thread' | 'skipped' | 'requestCount' | 'leaseToken'>
>;

/**
 * A change of a run: base fields only (the status stays), or a transition, which must bring
 * everything its target status holds (`RunStatusPart`) and replaces the previous status's fields.
 */
export type RunPatch = (RunChange & { readonly status?: undefined }) | (RunChange & RunStatusPart);

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
  /** Every integration of the tenant (one per connected provider), in no particular order. */
  listForTenant(tenantId: string): Promise<IntegrationRecord[]>;
  get(id: string): Promise<IntegrationRecord | null>;
  /** Insert, or replace the credentials of the (tenant, provider) integration. */
  upsert(record: IntegrationRecord): Promise<void>;
}

export interface ManagedCompanyRepository {
  listAll(tenantId: string): Promise<ManagedCompany[]>;
  get(tenantId: string, id: string): Promise<ManagedCompany | null>;
  /** The tenant's companies among `ids`, in no particular order; unknown ids are left out. */
  getMany(tenantId: string, ids: readonly string[]): Promise<ManagedCompany[]>;
  /** Case-insensitive substring search on the name, at most `limit`, by name. */
  search(tenantId: string, text: string, limit: number): Promise<ManagedCompany[]>;
  insertMany(tenantId: string, companies: readonly ManagedCompany[]): Promise<void>;
  count(tenantId: string): Promise<number>;
  /** One page of the companies whose name contains `text` (as `search`), by name. */
  searchPage(tenantId: string, text: string, offset: number, limit: number): Promise<ManagedCompany[]>;
  /** How many companies `search` would find with no limit. */
  countMatching(tenantId: string, text: string): Promise<number>;
}

export interface ManagedUserRepository {
  listAll(tenantId: string): Promise<ManagedUser[]>;
  listByCompany(tenantId: string, companyId: string): Promise<ManagedUser[]>;
  get(tenantId: string, id: string): Promise<ManagedUser | null>;
  /** The tenant's users among `ids`, in no particular order; unknown ids are left out. */
  getMany(tenantId: string, ids: readonly string[]): Promise<ManagedUser[]>;
  /** Users whose email matches one of `emails`, case-insensitively. */
  findByEmails(tenantId: string, emails: readonly string[]): Promise<ManagedUser[]>;
  /** Fails (unique violation) when an email already exists in the tenant, case-insensitively. */
  insertMany(tenantId: string, users: readonly ManagedUser[]): Promise<void>;
}

/** Issue 11: where a managed company's known domain came from (users' emails are derived on read). */
export type CompanyDomainSource = 'csv' | 'chat';

export interface CompanyDomainRecord {
  readonly companyId: string;
  readonly domain: string;
  readonly source: CompanyDomainSource;
}

export interface CompanyDomainRepository {
  /** Every stored domain of the tenant's companies. */
  listAll(tenantId: string): Promise<CompanyDomainRecord[]>;
  listByCompany(tenantId: string, companyId: string): Promise<CompanyDomainRecord[]>;
  /** Idempotent: a domain the company already has keeps its first source. */
  add(tenantId: string, records: readonly CompanyDomainRecord[], at: string): Promise<void>;
  /** False when the company did not have the domain. */
  remove(tenantId: string, companyId: string, domain: string): Promise<boolean>;
}

export interface LicenceRepository {
  get(tenantId: string): Promise<LicencePool>;
  setTotal(tenantId: string, total: number): Promise<void>;
  addUsed(tenantId: string, count: number): Promise<void>;
}

export interface CompanyMapRepository {
  list(integrationId: string): Promise<CompanyLink[]>;
  /** The links of these PSA company ids that exist. */
  findByPsaIds(integrationId: string, psaCompanyIds: readonly number[]): Promise<CompanyLink[]>;
  /** Insert or replace the link of each PSA company id. */
  upsertMany(integrationId: string, links: readonly CompanyLink[]): Promise<void>;
}

export interface ContactMapRepository {
  list(integrationId: string): Promise<ContactLink[]>;
  /** The links of these PSA contact ids that exist. */
  findByPsaIds(integrationId: string, psaContactIds: readonly number[]): Promise<ContactLink[]>;
  /**
   * Links to existing users of these managed companies whose PSA contact is not among the run's
   * fetched contacts.
   */
  countNotFetched(integrationId: string, runId: string, companyIds: readonly string[]): Promise<number>;
  upsertMany(integrationId: string, links: readonly ContactLink[]): Promise<void>;
}

export interface RunRepository {
  insert(run: ImportRun): Promise<void>;
  get(id: string): Promise<ImportRun | null>;
  /**
   * Compare-and-set: applies the patch and bumps the version only if the stored version is still
   * `current.version`. Returns the updated run (built from `current` and the patch), or null when
   * someone else got there first.
   */
  update(current: ImportRun, patch: RunPatch, updatedAt: string): Promise<ImportRun | null>;
  /** Newest first. */
  listRecent(tenantId: string, limit: number): Promise<ImportRun[]>;
  /** Runs of the integration that are not finished. */
  listOpen(integrationId: string): Promise<ImportRun[]>;
  /** Unfinished runs of every tenant, for expiry sweeps; a damaged run is skipped and named. */
  listAllOpen(): Promise<SkippingRead<ImportRun>>;
}

/** A fetched company of a run with its default and current decision. */
export interface CompanyRecord {
  readonly row: ReviewRow;
  readonly defaultDecision: CompanyDecision;
  readonly decision: CompanyDecision;
}

/** A fetched, assessed contact of a run with its default and current decision. */
export interface ContactRecord {
  readonly row: ContactRow;
  readonly defaultDecision: UserDecision;
  readonly decision: UserDecision;
}

/** Where a row sits in its list; rows are inserted with it and streamed after it. */
export interface RowPosition {
  readonly orderKey: string;
  readonly psaId: number;
}

export interface CompanyTotals {
  readonly total: number;
  readonly mapped: number;
  readonly unmapped: number;
  readonly duplicates: number;
  /** Rows whose decision is not skip. */
  readonly selected: number;
  readonly counts: Pick<
    PlanCounts,
    'companiesCreate' | 'companiesMap' | 'companiesUnmap' | 'companiesKeep' | 'companiesSkip'
  >;
  /** How many rows each bulk action would change. */
  readonly offers: Readonly<Record<CompanyBulkAction, number>>;
}

export interface ContactTotals {
  readonly total: number;
  readonly counts: Pick<
    PlanCounts,
    'usersGrant' | 'usersKeep' | 'usersMap' | 'usersSkip' | 'usersIneligible'
  >;
  readonly offers: Readonly<Record<UserBulkAction, number>>;
}

export interface CompanyContactSummary {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly granted: number;
  readonly eligible: number;
  readonly ineligible: number;
}

/**
 * The rows of a run: fetched companies, companies not in the PSA, contacts. Written in bulk as
 * pages arrive, read a page at a time, changed by single statements; nothing here reads a whole
 * run except the `...After` streams, which go a chunk at a time.
 */
export interface RunRowsRepository {
  /**
   * `nameKey`: the name's normalised key (`normaliseCompanyName`), where the caller has analysed
   * the name already (an import does, once per company); worked out here otherwise.
   */
  insertCompanies(
    runId: string,
    records: readonly (CompanyRecord & { readonly orderKey: string; readonly nameKey?: string })[],
  ): Promise<void>;
  insertMissing(runId: string, rows: readonly MissingRow[]): Promise<void>;
  insertContacts(
    runId: string,
    records: readonly (ContactRecord & { readonly orderKey: string })[],
  ): Promise<void>;
  deleteContacts(runId: string): Promise<void>;
  /** One page of the review order, every row (the users overview pages the selected ones). */
  companyPage(runId: string, offset: number, limit: number): Promise<CompanyRecord[]>;
  companiesById(runId: string, psaCompanyIds: readonly number[]): Promise<CompanyRecord[]>;
  /** PSA ids of the companies the integration's last applied import left out (issue 15). */
  leftOutByLastImport(integrationId: string): Promise<number[]>;
  /** The next `limit` rows after `after` (null: from the start), in review order. */
  companiesAfter(
    runId: string,
    after: RowPosition | null,
    limit: number,
  ): Promise<(CompanyRecord & { readonly orderKey: string })[]>;
  missing(runId: string): Promise<MissingRow[]>;
  /** The run's tallies, kept with every change to its rows: one read, whatever the import's size. */
  totals(runId: string): Promise<{ companies: CompanyTotals; contacts: ContactTotals }>;
  setCompanyDecision(runId: string, psaCompanyId: number, decision: CompanyDecision): Promise<void>;
  /** One statement; returns how many rows changed. */
  bulkCompanies(runId: string, action: CompanyBulkAction): Promise<number>;
  /** Same-name groups (issue 11) holding any of these rows, each with all its rows in the run. */
  twinsOf(runId: string, psaCompanyIds: readonly number[]): Promise<ImportTwins[]>;
  /**
   * The rows of up to `groups` same-name groups that would create two or more companies while
   * one of them holds a decision the admin did not set; `decided` are the ones they did set.
   */
  duplicateCreates(
    runId: string,
    groups: number,
  ): Promise<{ readonly creates: PlannedCreate[]; readonly decided: number[] }>;
  contactPage(runId: string, scope: ContactScope, offset: number, limit: number): Promise<ContactRecord[]>;
  contactsById(runId: string, psaContactIds: readonly number[]): Promise<ContactRecord[]>;
  contactsAfter(
    runId: string,
    after: RowPosition | null,
    limit: number,
  ): Promise<(ContactRecord & { readonly orderKey: string })[]>;
  /** Counted over the scope's rows: for one company's page; the whole run's come from `totals`. */
  contactTotals(runId: string, scope: ContactScope): Promise<ContactTotals>;
  /** A page of the selected companies (not decided skip) in review order, with their contacts' counts. */
  selectedCompanySummaries(runId: string, offset: number, limit: number): Promise<CompanyContactSummary[]>;
  /** Distinct contact types of one company's contacts. */
  contactTypesOf(runId: string, psaCompanyId: number): Promise<string[]>;
  setUserDecision(runId: string, psaContactId: number, decision: UserDecision): Promise<void>;
  bulkUsers(runId: string, scope: ContactScope, action: UserBulkAction): Promise<number>;
  /** Marks contacts ineligible (a repeated email found once every page was in): decision skip. */
  markIneligible(
    runId: string,
    psaContactIds: readonly number[],
    ineligible: ContactRow['ineligible'],
  ): Promise<void>;
}

/** A user decision the admin set, kept while its run is back at the companies. */
export interface KeptUserDecision {
  readonly psaContactId: number;
  readonly decision: UserDecision;
}

/**
 * Going back to the companies drops a run's contact rows; the admin's own user decisions wait
 * here until the contacts are fetched again, then are laid over the rows where they still apply.
 */
export interface KeptUserDecisionRepository {
  /**
   * Replaces the run's kept decisions with those of its contact rows that differ from the
   * default, in one statement (run it in the transaction that drops the rows); returns how many.
   */
  keep(runId: string): Promise<number>;
  /** The next `limit` kept decisions after PSA contact `after` (null: from the start), by id. */
  keptAfter(runId: string, after: number | null, limit: number): Promise<KeptUserDecision[]>;
  /** Sets these contacts' rows to their kept decisions, in one statement. */
  restore(runId: string, psaContactIds: readonly number[]): Promise<void>;
  drop(runId: string): Promise<void>;
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
  /** Issue 11: known domains set by CSV or by hand. */
  readonly companyDomains: CompanyDomainRepository;
  readonly licences: LicenceRepository;
  readonly companyMap: CompanyMapRepository;
  readonly contactMap: ContactMapRepository;
  readonly runs: RunRepository;
  readonly runRows: RunRowsRepository;
  /** Issue: going back to the companies keeps the admin's user decisions. */
  readonly keptUserDecisions: KeptUserDecisionRepository;
  readonly leases: LeaseRepository;
  readonly audit: AuditRepository;
  readonly dedupe: DedupeRepository;
  readonly directoryApi: DirectoryApiRepositories;
  /** Issue 14: change-digest schedules and their log. */
  readonly digests: DigestRepository;
}

/**
 * Storage with explicit transactions. Never hold a transaction across a network call: a use case
 * fetches from the PSA first and writes afterwards.
 */
export interface Storage {
  readonly repos: Repositories;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
