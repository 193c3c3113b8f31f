import type { ErrorCode } from './errors.js';
import type { ApplyResult } from './plan-model.js';
import type { Provider } from './provider.js';
import type { CompanyFilter } from './psa-records.js';
import type { RunStatus } from './run-status.js';
import type { SkippedRecords } from './skipped-records.js';
import type { ThreadRef } from './thread-ref.js';

/** The part every run has, whatever its status. */
export interface RunBase {
  readonly id: string;
  readonly tenantId: string;
  readonly integrationId: string;
  readonly provider: Provider;
  /** `${platform}:${userId}` of the admin who started it. */
  readonly requesterKey: string;
  readonly requesterName: string;
  /** Incremented by every update; updates are compare-and-set on it. */
  readonly version: number;
  /** Fencing token of the integration lease this run holds. */
  readonly leaseToken: number;
  readonly filter: CompanyFilter;
  readonly thread: ThreadRef | null;
  /** PSA records the provider skipped as malformed, company and contact fetches together. */
  readonly skipped: SkippedRecords;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Requests this run made to the PSA (shown in the result; Autotask's hourly budget). */
  readonly requestCount: number;
}

/** The run went through the users step: its contacts are in its rows. */
export interface FetchedContacts {
  readonly kind: 'fetched';
  /** Every PSA contact type among the fetched contacts (the users filter). */
  readonly contactTypes: readonly string[];
}

/**
 * Whether the run fetched contacts. A run submitted from the company review never did: its plan
 * imports companies only, and applying it leaves every user alone.
 */
export type RunContacts = FetchedContacts | { readonly kind: 'not-fetched' };

export const NOT_FETCHED: RunContacts = { kind: 'not-fetched' };

export interface FetchingRun extends RunBase {
  readonly status: 'fetching';
}

export interface ReviewingCompaniesRun extends RunBase {
  readonly status: 'reviewing-companies';
}

export interface FetchingContactsRun extends RunBase {
  readonly status: 'fetching-contacts';
}

export interface ReviewingUsersRun extends RunBase {
  readonly status: 'reviewing-users';
  readonly contacts: FetchedContacts;
}

export interface PendingApprovalRun extends RunBase {
  readonly status: 'pending-approval';
  readonly contacts: RunContacts;
  readonly submittedAt: string;
  readonly approvalExpiresAt: string;
}

export interface AppliedRun extends RunBase {
  readonly status: 'applied';
  readonly contacts: RunContacts;
  readonly submittedAt: string;
  readonly approverKey: string;
  readonly approverName: string;
  readonly result: ApplyResult;
}

export interface RejectedRun extends RunBase {
  readonly status: 'rejected';
  readonly contacts: RunContacts;
  readonly submittedAt: string;
  readonly rejecterKey: string;
  readonly rejecterName: string;
  readonly rejectReason: string;
}

/** Cancelled at any step; `submittedAt` tells whether it was waiting for approval then. */
export interface CancelledRun extends RunBase {
  readonly status: 'cancelled';
  readonly contacts: RunContacts;
  readonly submittedAt: string | null;
}

/** Its approval wait ran out (`submittedAt` set) or it lost its lock at an earlier step. */
export interface ExpiredRun extends RunBase {
  readonly status: 'expired';
  readonly contacts: RunContacts;
  readonly submittedAt: string | null;
}

/** A fetch failed; the code is what the admin was told. */
export interface FailedRun extends RunBase {
  readonly status: 'failed';
  readonly failureCode: ErrorCode;
}

/**
 * One import, discriminated by its status: each status carries exactly the fields that make sense
 * in it (an applied run always has its approver and result, a failed one its code), so no reader
 * needs a fallback for a field "not there yet".
 */
export type ImportRun =
  | FetchingRun
  | ReviewingCompaniesRun
  | FetchingContactsRun
  | ReviewingUsersRun
  | PendingApprovalRun
  | AppliedRun
  | RejectedRun
  | CancelledRun
  | ExpiredRun
  | FailedRun;

/** The run type of the given statuses. */
export type RunIn<S extends RunStatus> = Extract<ImportRun, { readonly status: S }>;

/**
 * What a transition to a status must bring: the status and every field of that status. It
 * replaces the previous status's fields whole; the base part stays.
 */
export type RunStatusPart<S extends RunStatus = RunStatus> = S extends RunStatus
  ? Omit<RunIn<S>, keyof RunBase>
  : never;

/** The base part of a run, without its status's fields. */
export function runBase(run: ImportRun): RunBase {
  return {
    id: run.id,
    tenantId: run.tenantId,
    integrationId: run.integrationId,
    provider: run.provider,
    requesterKey: run.requesterKey,
    requesterName: run.requesterName,
    version: run.version,
    leaseToken: run.leaseToken,
    filter: run.filter,
    thread: run.thread,
    skipped: run.skipped,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    requestCount: run.requestCount,
  };
}

export function hasStatus<const S extends RunStatus>(
  run: ImportRun,
  statuses: readonly S[],
): run is RunIn<S> {
  return statuses.some((status) => status === run.status);
}

/** The contacts a run fetched; runs before the users step and failed runs have none. */
export function contactsOf(run: ImportRun): RunContacts {
  switch (run.status) {
    case 'fetching':
    case 'reviewing-companies':
    case 'fetching-contacts':
    case 'failed':
      return NOT_FETCHED;
    default:
      return run.contacts;
  }
}

/** When the run was submitted for approval, if it ever was. */
export function submittedAtOf(run: ImportRun): string | null {
  switch (run.status) {
    case 'pending-approval':
    case 'applied':
    case 'rejected':
    case 'cancelled':
    case 'expired':
      return run.submittedAt;
    default:
      return null;
  }
}

/** A cancelled run keeps what it had fetched and whether it was waiting for approval. */
export function toCancelled(run: ImportRun): RunStatusPart<'cancelled'> {
  return { status: 'cancelled', contacts: contactsOf(run), submittedAt: submittedAtOf(run) };
}

/** Same for an expired one: `submittedAt` tells an approval that ran out from a lost lock. */
export function toExpired(run: ImportRun): RunStatusPart<'expired'> {
  return { status: 'expired', contacts: contactsOf(run), submittedAt: submittedAtOf(run) };
}
