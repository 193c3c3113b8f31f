import type { Actor, ChatPlatform } from '../domain/chat-identity.js';
import type { Provider } from '../domain/provider.js';
import type { CompanyStatus } from '../domain/review.js';
import type { ThreadRef } from '../domain/thread-ref.js';
import type { PsaCredentials } from '../ports/psa-gateway.js';
import type { Intent } from './intents.js';
import type { ProgressView, View } from './views.js';

/** What a surface lends the core for one intent, beside the intent itself. */
export interface IntentIo {
  readonly onProgress?: ((progress: ProgressView) => void) | undefined;
  /**
   * Posts the run's root message and says where its thread is. The core calls it at most once,
   * and only when an import is sure to start (admin, filter and lock checked), so a refusal
   * posts nothing; the thread is stored with the run.
   */
  readonly openThread?: (() => Promise<ThreadRef>) | undefined;
}

/**
 * What chat adapters call: one user action, one intent, one call. `handle` never throws for
 * expected failures: it returns an error view.
 */
export interface ImportBot {
  handle(actor: Actor, intent: Intent, io?: IntentIo): Promise<View>;
  /**
   * True the first time a request key is seen (Slack retry, Teams activity id, button click id),
   * false for every replay while the key is remembered.
   */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
}

/** Identifies a tenant from outside a chat (CLI, boot): the workspace it is linked to. */
export interface WorkspaceRef {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
}

export interface BootstrapInput extends WorkspaceRef {
  readonly tenantName: string;
  readonly admins: readonly { readonly userId: string; readonly displayName: string }[];
  /** Set the licence pool total when the tenant has none yet. */
  readonly licences?: number;
}

export interface DiffLine {
  readonly psaCompanyId: number;
  readonly name: string;
  readonly status: CompanyStatus | 'not-in-psa';
  readonly reason: string;
  readonly candidates: readonly { readonly id: string; readonly name: string; readonly reason: string }[];
  readonly typeNames: readonly string[];
  readonly active: boolean | null;
  readonly lastImportedAt: string | null;
}

/** One row of a bulk import: a company name and the domains it is known by (maybe none). */
export interface CompanyImportRow {
  readonly name: string;
  readonly domains: readonly string[];
}

/** The first domain of a row that cannot be a known domain, as typed, and the rule it breaks. */
export interface DomainProblem {
  readonly domain: string;
  readonly hint: string;
}

export interface CompanyImportResult {
  readonly added: number;
  /** Per row: the name it repeats once normalised, else null. */
  readonly existingNames: readonly (string | null)[];
  /** Per row: why one of its domains was refused (the row is then not added), else null. */
  readonly domainProblems: readonly (DomainProblem | null)[];
}

/**
 * Operator tasks for the composition root and the command line (trusted: whoever runs them has
 * the database and the key). Not reachable from chat.
 */
export interface Maintenance {
  /** Creates the tenant and links the workspace if needed, adds the admins; idempotent. */
  bootstrap(input: BootstrapInput): Promise<{ readonly tenantId: string }>;
  /** Expires abandoned runs and pending approvals past their time; returns how many. */
  expireStale(): Promise<number>;
  /** Read-only classification of a fresh fetch: takes no lock, writes nothing. */
  previewDiff(workspace: WorkspaceRef, provider: Provider, filterText: string): Promise<DiffLine[]>;
  /** Stores (after testing) credentials, for scripts that connect without a chat. */
  connect(workspace: WorkspaceRef, provider: Provider, credentials: PsaCredentials): Promise<void>;
  /**
   * Adds managed companies by name (bulk CSV import); a name that is the same once normalised as
   * a managed company or an earlier name is skipped, and `existingNames` (per name given, null
   * when added) says which name it repeats.
   */
  addCompanies(
    workspace: WorkspaceRef,
    names: readonly string[],
  ): Promise<{
    readonly added: number;
    readonly skipped: number;
    readonly existingNames: readonly (string | null)[];
  }>;
  /**
   * The CSV import with its optional `domain` column: `addCompanies` plus each row's domains,
   * checked as `/psa companies domain` checks them; a row with a refused domain is not added.
   */
  importCompanies(workspace: WorkspaceRef, rows: readonly CompanyImportRow[]): Promise<CompanyImportResult>;
}
