import type { DirectoryEvent } from '../domain/directory-events.js';
import type { Provider } from '../domain/provider.js';
import type { Secret } from '../domain/secret.js';
import type { DamagedRecord, SkippingRead } from './damaged-record.js';

/*
 * Ports of the read API and the webhooks (issue 13). Tokens are stored hashed: the repository
 * hashes, so no caller ever holds a place to put the token by mistake.
 */

export interface ApiTokenRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface ApiTokenRepository {
  /** Stores the token's hash only. */
  insert(record: ApiTokenRecord, token: Secret<string>): Promise<void>;
  list(tenantId: string): Promise<ApiTokenRecord[]>;
  /** The token's record when its hash matches (compared in constant time), revoked or not. */
  findByToken(token: string): Promise<ApiTokenRecord | null>;
  /** False when the token is unknown in the tenant or already revoked. */
  revoke(tenantId: string, id: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

export interface WebhookEndpointRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly url: string;
  /** Empty: every event type. */
  readonly events: readonly string[];
  /** SecretBox output; associated data is the endpoint id. */
  readonly sealedSecret: string;
  /** The secret before the last rotation, still signed with until `previousSecretUntil`. */
  readonly sealedPreviousSecret: string | null;
  readonly previousSecretUntil: string | null;
  readonly disabledAt: string | null;
  readonly disabledReason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DeliveryHealth {
  readonly endpointId: string;
  readonly queued: number;
  readonly failed: number;
  readonly lastSuccessAt: string | null;
  readonly lastError: string | null;
}

export interface WebhookEndpointRepository {
  /** The endpoint receives events written after it was added. */
  insert(record: WebhookEndpointRecord): Promise<void>;
  list(tenantId: string): Promise<WebhookEndpointRecord[]>;
  get(tenantId: string, id: string): Promise<WebhookEndpointRecord | null>;
  rotateSecret(
    tenantId: string,
    id: string,
    secrets: { sealedSecret: string; sealedPreviousSecret: string; previousSecretUntil: string },
    at: string,
  ): Promise<boolean>;
  disable(tenantId: string, id: string, reason: string, at: string): Promise<boolean>;
  remove(tenantId: string, id: string): Promise<boolean>;
  health(tenantId: string): Promise<DeliveryHealth[]>;
}

/** One event for the outbox; endpointId only for a ping. */
export interface OutboxEntry {
  readonly event: DirectoryEvent;
  readonly tenantId: string;
  readonly runId: string | null;
  readonly endpointId?: string;
}

export interface ChangeRecord {
  readonly seq: number;
  readonly event: DirectoryEvent;
}

export interface OutboxRepository {
  /** Appends in order; call inside the transaction whose writes the events describe. */
  append(entries: readonly OutboxEntry[]): Promise<void>;
  /** The tenant's changes after `seq`, oldest first (pings excluded). */
  changesSince(tenantId: string, seq: number, limit: number): Promise<ChangeRecord[]>;
}

/** A delivery claimed by one dispatcher until `leaseUntil`. */
export interface ClaimedDelivery {
  readonly endpointId: string;
  readonly tenantId: string;
  readonly url: string;
  readonly sealedSecret: string;
  readonly sealedPreviousSecret: string | null;
  readonly previousSecretUntil: string | null;
  readonly eventId: string;
  readonly payload: string;
  readonly createdAt: string;
  readonly attempts: number;
  /** The import whose event this is; null for pings and events outside an import. */
  readonly runId: string | null;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | {
      readonly kind: 'retry';
      readonly nextAttemptAt: string;
      readonly status: number | null;
      readonly error: string;
    }
  | { readonly kind: 'give-up'; readonly status: number | null; readonly error: string }
  /** 410 Gone: the receiver asked us to stop; the endpoint is disabled. */
  | { readonly kind: 'gone'; readonly status: number };

export interface DeliveryRepository {
  /**
   * Turns new outbox events into pending deliveries of every enabled endpoint that wants them;
   * returns how many. A damaged endpoint or batch is skipped (a batch for good) and named.
   */
  enqueue(
    now: string,
    limit: number,
  ): Promise<{ readonly enqueued: number; readonly damaged: DamagedRecord[] }>;
  /** Claims due deliveries (SKIP LOCKED on PostgreSQL) until `leaseUntil`; damaged batches are named. */
  claim(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<SkippingRead<ClaimedDelivery>>;
  /** Records an attempt's outcome if `owner` still holds the claim. */
  finish(owner: string, delivery: ClaimedDelivery, outcome: DeliveryOutcome, at: string): Promise<boolean>;
  /**
   * Claims the one failure digest of an endpoint for a run: true for the first caller only, so
   * the import thread hears about a failing endpoint once, whatever the replicas.
   */
  claimFailureDigest(tenantId: string, endpointId: string, runId: string, at: string): Promise<boolean>;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface PsaLinkRow {
  readonly provider: Provider;
  readonly psaId: number;
  readonly lastImportedAt: string;
}

export interface CompanyRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly psaLinks: readonly PsaLinkRow[];
}

export interface UserRow {
  readonly id: string;
  readonly companyId: string;
  readonly email: string;
  readonly displayName: string;
  readonly psaLinks: readonly PsaLinkRow[];
}

export interface ImportRow {
  readonly id: string;
  readonly provider: Provider;
  readonly status: string;
  readonly requesterName: string;
  readonly approverName: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The apply result as stored (counts and errors); null until applied. */
  readonly result: Readonly<Record<string, unknown>> | null;
}

/** Read-only queries of the API, each scoped to one tenant; cursors are opaque strings. */
export interface DirectoryReadRepository {
  companies(tenantId: string, cursor: string | null, limit: number): Promise<Page<CompanyRow>>;
  /** Null when the company is not the tenant's. */
  companyUsers(
    tenantId: string,
    companyId: string,
    cursor: string | null,
    limit: number,
  ): Promise<Page<UserRow> | null>;
  usersByEmail(tenantId: string, email: string): Promise<UserRow[]>;
  imports(tenantId: string, cursor: string | null, limit: number): Promise<Page<ImportRow>>;
}

/** The read API's and the webhooks' repositories, one member of `Repositories`. */
export interface DirectoryApiRepositories {
  readonly tokens: ApiTokenRepository;
  readonly endpoints: WebhookEndpointRepository;
  readonly outbox: OutboxRepository;
  readonly deliveries: DeliveryRepository;
  readonly reads: DirectoryReadRepository;
}
