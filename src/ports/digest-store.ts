import type { Provider } from '../domain/provider.js';
import type { DigestSchedule } from '../domain/schedule.js';
import type { ThreadRef } from '../domain/thread-ref.js';
import type { SkippingRead } from './damaged-record.js';

/** Issue 14: one change-digest schedule per integration, and what its last run left behind. */
export interface DigestScheduleRecord {
  readonly integrationId: string;
  readonly tenantId: string;
  readonly provider: Provider;
  readonly schedule: DigestSchedule;
  /** Also post "no changes since …" when nothing changed. */
  readonly always: boolean;
  /** Where the schedule was set, so the digest goes there: adapter-owned JSON per platform. */
  readonly conversation: ThreadRef;
  readonly setBy: string;
  readonly setAt: string;
  readonly nextDueAt: string;
  readonly lastRunAt: string | null;
  /** Change keys of the last digest posted with changes; null when none is outstanding. */
  readonly reportedKeys: readonly string[] | null;
  readonly reportedFingerprint: string | null;
  readonly reportedAt: string | null;
  /** Error code of the last run when it failed, so a failing PSA is reported once. */
  readonly lastErrorCode: string | null;
}

export interface DigestOutcomePatch {
  readonly lastRunAt: string;
  readonly reportedKeys: readonly string[] | null;
  readonly reportedFingerprint: string | null;
  readonly reportedAt: string | null;
  readonly lastErrorCode: string | null;
}

/** A digest that was posted (or failed), for `/psa history`. */
export interface DigestLogEntry {
  readonly id: string;
  readonly tenantId: string;
  readonly integrationId: string;
  readonly provider: Provider;
  readonly at: string;
  /** `changes`, `no-changes` or `failed`. */
  readonly outcome: 'changes' | 'no-changes' | 'failed';
  /** Total changes reported (0 for no-changes and failed). */
  readonly changes: number;
  readonly fingerprint: string | null;
  readonly errorCode: string | null;
}

export interface DigestRepository {
  get(integrationId: string): Promise<DigestScheduleRecord | null>;
  listByTenant(tenantId: string): Promise<DigestScheduleRecord[]>;
  /** Insert or replace the schedule of the integration (the last outcome is kept). */
  upsert(record: DigestScheduleRecord): Promise<void>;
  remove(integrationId: string): Promise<boolean>;
  /**
   * Schedules whose next due time is at or before `now`, every tenant; a schedule that does not
   * read back is skipped and named, so it never stops the others' digests.
   */
  listDue(now: string): Promise<SkippingRead<DigestScheduleRecord>>;
  /**
   * Compare-and-set on the due time: moves it from `expected` to `next` only if it still is
   * `expected`. True for exactly one caller per slot, so a slot runs once among replicas.
   */
  claimSlot(integrationId: string, expected: string, next: string): Promise<boolean>;
  /**
   * Moves a schedule that does not read back to `until`, whatever its due time was, so it stops
   * taking one of `listDue`'s places every round; it is tried again then (a repair is picked up).
   */
  setAside(integrationId: string, until: string): Promise<void>;
  recordOutcome(integrationId: string, patch: DigestOutcomePatch): Promise<void>;
  appendLog(entry: DigestLogEntry): Promise<void>;
  /** Newest first. */
  listLog(tenantId: string, limit: number): Promise<DigestLogEntry[]>;
}
