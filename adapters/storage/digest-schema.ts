/** Tables of the change digest (migration 0008, issue 14). */
export interface DigestTables {
  digest_schedules: DigestScheduleTable;
  digest_log: DigestLogTable;
}

export interface DigestScheduleTable {
  integration_id: string;
  tenant_id: string;
  provider: string;
  cadence: string;
  weekday: number;
  minute_of_day: number;
  time_zone: string;
  always: number;
  conversation_platform: string;
  conversation: string;
  set_by: string;
  set_at: string;
  next_due_at: string;
  last_run_at: string | null;
  reported_keys: string | null;
  reported_fingerprint: string | null;
  reported_at: string | null;
  last_error_code: string | null;
}

export interface DigestLogTable {
  id: string;
  tenant_id: string;
  integration_id: string;
  provider: string;
  at: string;
  outcome: string;
  changes: number;
  fingerprint: string | null;
  error_code: string | null;
}
