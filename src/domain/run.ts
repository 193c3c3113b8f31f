import type { ChatPlatform } from './chat-identity.js';
import type { ApplyResult } from './plan-model.js';
import type { Provider } from './provider.js';
import type { CompanyFilter } from './psa-records.js';

/**
 * The life of one import. Only the transitions in RUN_TRANSITIONS are allowed; every transition is
 * a compare-and-set on `version`, so a double click or a retry finds the run already moved.
 */
export type RunStatus =
  | 'fetching'
  | 'reviewing-companies'
  | 'fetching-contacts'
  | 'reviewing-users'
  | 'pending-approval'
  | 'applied'
  | 'rejected'
  | 'cancelled'
  | 'expired'
  | 'failed';

export const FINISHED_STATUSES: readonly RunStatus[] = [
  'applied',
  'rejected',
  'cancelled',
  'expired',
  'failed',
];

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  fetching: ['reviewing-companies', 'failed', 'cancelled', 'expired'],
  // Submitting from the company review imports companies only (no contacts fetched).
  'reviewing-companies': ['fetching-contacts', 'pending-approval', 'cancelled', 'expired'],
  'fetching-contacts': ['reviewing-users', 'reviewing-companies', 'failed', 'cancelled', 'expired'],
  'reviewing-users': ['pending-approval', 'reviewing-companies', 'fetching-contacts', 'cancelled', 'expired'],
  'pending-approval': ['applied', 'rejected', 'cancelled', 'expired', 'reviewing-users'],
  applied: [],
  rejected: [],
  cancelled: [],
  expired: [],
  failed: [],
};

export function isFinished(status: RunStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

/** A PSA record the provider could not use (malformed), by PSA id where it had one. */
export interface SkippedRecord {
  readonly entity: 'company' | 'contact';
  readonly psaId: number | null;
  /** Our words ("unexpected data in status"), never raw PSA text. */
  readonly reason: string;
}

/** "2 PSA records skipped: unexpected data, PSA ids 17 and 42". */
export interface SkippedRecords {
  /** Skipped by the company fetch. */
  readonly companies: number;
  /** Skipped by the latest contact fetch. */
  readonly contacts: number;
  /** The first few, enough to name them in a message. */
  readonly first: readonly SkippedRecord[];
}

export const NO_SKIPPED: SkippedRecords = { companies: 0, contacts: 0, first: [] };

const KEEP_SKIPPED = 5;

export function companiesSkipped(count: number, first: readonly SkippedRecord[]): SkippedRecords {
  return { companies: count, contacts: 0, first: first.slice(0, KEEP_SKIPPED) };
}

/** A new contact fetch replaces the previous one's skipped contacts, keeping the companies'. */
export function withContactsSkipped(
  run: SkippedRecords,
  count: number,
  first: readonly SkippedRecord[],
): SkippedRecords {
  const companies = run.first.filter((record) => record.entity === 'company');
  return {
    companies: run.companies,
    contacts: count,
    first: [...companies, ...first].slice(0, KEEP_SKIPPED),
  };
}

/** Where the run's thread lives on its chat surface; opaque to the core (adapter-owned JSON). */
export interface ThreadRef {
  readonly platform: ChatPlatform;
  readonly data: string;
}

export interface ImportRun {
  readonly id: string;
  readonly tenantId: string;
  readonly integrationId: string;
  readonly provider: Provider;
  /** `${platform}:${userId}` of the admin who started it. */
  readonly requesterKey: string;
  readonly requesterName: string;
  readonly status: RunStatus;
  /** Incremented by every update; updates are compare-and-set on it. */
  readonly version: number;
  /** Fencing token of the integration lease this run holds. */
  readonly leaseToken: number;
  readonly filter: CompanyFilter;
  readonly thread: ThreadRef | null;
  /** PSA records the provider skipped as malformed, company and contact fetches together. */
  readonly skipped: SkippedRecords;
  /** Every PSA contact type among the fetched contacts; null until contacts are fetched. */
  readonly contactTypes: readonly string[] | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly submittedAt: string | null;
  readonly approvalExpiresAt: string | null;
  readonly approverKey: string | null;
  readonly approverName: string | null;
  readonly rejectReason: string | null;
  readonly result: ApplyResult | null;
  /** Requests this run made to the PSA (shown in the result; Autotask's hourly budget). */
  readonly requestCount: number;
  /** Error code when status is `failed`. */
  readonly failureCode: string | null;
}
