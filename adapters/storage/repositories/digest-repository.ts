import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Cadence, Weekday } from '../../../src/domain/schedule.js';
import type {
  DigestLogEntry,
  DigestRepository,
  DigestScheduleRecord,
} from '../../../src/ports/digest-store.js';
import type { DigestScheduleTable } from '../digest-schema.js';
import type { Database } from '../schema.js';
import {
  chatPlatformSchema,
  isStoredDataInvalid,
  providerSchema,
  readEach,
  storedColumn,
  storedJson,
  stringList,
} from './row-schemas.js';

const cadenceSchema: z.ZodType<Cadence> = z.enum(['daily', 'weekly']);

const weekdaySchema: z.ZodType<Weekday> = z
  .number()
  .refine((day): day is Weekday => Number.isInteger(day) && day >= 0 && day <= 6);

/**
 * The keys the last digest reported. Damaged ones read as null: the scheduler reads every
 * tenant's schedules at once, and a schedule whose keys it cannot read reports the whole set
 * again rather than stay silent or stop the others.
 */
function parseKeys(integrationId: string, text: string | null): string[] | null {
  if (text === null) return null;
  try {
    return storedJson(stringList, text, `digest schedule ${integrationId}`, 'reported_keys');
  } catch (error) {
    if (isStoredDataInvalid(error)) return null;
    throw error;
  }
}

/**
 * A schedule as stored. A provider, cadence, weekday or platform outside its set is refused with
 * `stored_data_invalid`: the schedule cannot run as stored (unlike damaged keys, which only cost
 * a repeated report).
 */
function toRecord(row: Selectable<DigestScheduleTable>): DigestScheduleRecord {
  const record = `digest schedule ${row.integration_id}`;
  return {
    integrationId: row.integration_id,
    tenantId: row.tenant_id,
    provider: storedColumn(providerSchema, row.provider, record, 'provider'),
    schedule: {
      cadence: storedColumn(cadenceSchema, row.cadence, record, 'cadence'),
      weekday: storedColumn(weekdaySchema, row.weekday, record, 'weekday'),
      minuteOfDay: row.minute_of_day,
      timeZone: row.time_zone,
    },
    always: row.always === 1,
    conversation: {
      platform: storedColumn(chatPlatformSchema, row.conversation_platform, record, 'conversation_platform'),
      data: row.conversation,
    },
    setBy: row.set_by,
    setAt: row.set_at,
    nextDueAt: row.next_due_at,
    lastRunAt: row.last_run_at,
    reportedKeys: parseKeys(row.integration_id, row.reported_keys),
    reportedFingerprint: row.reported_fingerprint,
    reportedAt: row.reported_at,
    lastErrorCode: row.last_error_code,
  };
}

export function digestRepository(db: Kysely<Database>): DigestRepository {
  return {
    async get(integrationId) {
      const row = await db
        .selectFrom('digest_schedules')
        .selectAll()
        .where('integration_id', '=', integrationId)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async listByTenant(tenantId) {
      const rows = await db
        .selectFrom('digest_schedules')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('provider')
        .execute();
      return rows.map(toRecord);
    },

    async upsert(record) {
      const settings = {
        cadence: record.schedule.cadence,
        weekday: record.schedule.weekday,
        minute_of_day: record.schedule.minuteOfDay,
        time_zone: record.schedule.timeZone,
        always: record.always ? 1 : 0,
        conversation_platform: record.conversation.platform,
        conversation: record.conversation.data,
        set_by: record.setBy,
        set_at: record.setAt,
        next_due_at: record.nextDueAt,
      };
      await db
        .insertInto('digest_schedules')
        .values({
          integration_id: record.integrationId,
          tenant_id: record.tenantId,
          provider: record.provider,
          ...settings,
          last_run_at: record.lastRunAt,
          reported_keys: record.reportedKeys === null ? null : JSON.stringify(record.reportedKeys),
          reported_fingerprint: record.reportedFingerprint,
          reported_at: record.reportedAt,
          last_error_code: record.lastErrorCode,
        })
        .onConflict((oc) => oc.column('integration_id').doUpdateSet(settings))
        .execute();
    },

    async remove(integrationId) {
      const result = await db
        .deleteFrom('digest_schedules')
        .where('integration_id', '=', integrationId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listDue(now) {
      const rows = await db
        .selectFrom('digest_schedules')
        .selectAll()
        .where('next_due_at', '<=', now)
        .orderBy('next_due_at')
        .limit(100)
        .execute();
      return readEach('digest_schedules', rows, (row) => row.integration_id, toRecord);
    },

    async claimSlot(integrationId, expected, next) {
      const result = await db
        .updateTable('digest_schedules')
        .set({ next_due_at: next })
        .where('integration_id', '=', integrationId)
        .where('next_due_at', '=', expected)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setAside(integrationId, until) {
      await db
        .updateTable('digest_schedules')
        .set({ next_due_at: until })
        .where('integration_id', '=', integrationId)
        .execute();
    },

    async recordOutcome(integrationId, patch) {
      await db
        .updateTable('digest_schedules')
        .set({
          last_run_at: patch.lastRunAt,
          reported_keys: patch.reportedKeys === null ? null : JSON.stringify(patch.reportedKeys),
          reported_fingerprint: patch.reportedFingerprint,
          reported_at: patch.reportedAt,
          last_error_code: patch.lastErrorCode,
        })
        .where('integration_id', '=', integrationId)
        .execute();
    },

    async appendLog(entry: DigestLogEntry) {
      await db
        .insertInto('digest_log')
        .values({
          id: entry.id,
          tenant_id: entry.tenantId,
          integration_id: entry.integrationId,
          provider: entry.provider,
          at: entry.at,
          outcome: entry.outcome,
          changes: entry.changes,
          fingerprint: entry.fingerprint,
          error_code: entry.errorCode,
        })
        .execute();
    },

    async listLog(tenantId, limit) {
      const rows = await db
        .selectFrom('digest_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        tenantId: row.tenant_id,
        integrationId: row.integration_id,
        provider: storedColumn(providerSchema, row.provider, `digest log entry ${row.id}`, 'provider'),
        at: row.at,
        outcome: row.outcome === 'changes' || row.outcome === 'failed' ? row.outcome : 'no-changes',
        changes: row.changes,
        fingerprint: row.fingerprint,
        errorCode: row.error_code,
      }));
    },
  };
}
