import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  DeliveryHealth,
  WebhookEndpointRecord,
  WebhookEndpointRepository,
} from '../../../src/ports/directory-api.js';
import type { WebhookEndpointTable } from '../directory-api-schema.js';
import type { Database } from '../schema.js';
import { storedJson, stringList } from './row-schemas.js';

/** The event types an endpoint wants (empty: all); the secrets of its row are never read here. */
export function endpointEvents(id: string, text: string): string[] {
  return storedJson(stringList, text, `webhook endpoint ${id}`, 'events');
}

function toRecord(row: Selectable<WebhookEndpointTable>): WebhookEndpointRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    events: endpointEvents(row.id, row.events),
    sealedSecret: row.sealed_secret,
    sealedPreviousSecret: row.sealed_previous_secret,
    previousSecretUntil: row.previous_secret_until,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function webhookEndpointRepository(db: Kysely<Database>): WebhookEndpointRepository {
  return {
    async insert(record) {
      const last = await db
        .selectFrom('webhook_outbox_batches')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: record.id,
          tenant_id: record.tenantId,
          url: record.url,
          events: JSON.stringify(record.events),
          sealed_secret: record.sealedSecret,
          sealed_previous_secret: record.sealedPreviousSecret,
          previous_secret_until: record.previousSecretUntil,
          disabled_at: record.disabledAt,
          disabled_reason: record.disabledReason,
          enqueued_seq: Number(last?.seq ?? 0),
          created_by: record.createdBy,
          created_at: record.createdAt,
          updated_at: record.updatedAt,
        })
        .execute();
    },

    async list(tenantId) {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async get(tenantId, id) {
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : toRecord(row);
    },

    async rotateSecret(tenantId, id, secrets, at) {
      const result = await db
        .updateTable('webhook_endpoints')
        .set({
          sealed_secret: secrets.sealedSecret,
          sealed_previous_secret: secrets.sealedPreviousSecret,
          previous_secret_until: secrets.previousSecretUntil,
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async disable(tenantId, id, reason, at) {
      const result = await db
        .updateTable('webhook_endpoints')
        .set({ disabled_at: at, disabled_reason: reason, updated_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async remove(tenantId, id) {
      await db
        .deleteFrom('webhook_deliveries')
        .where('endpoint_id', '=', id)
        .where('tenant_id', '=', tenantId)
        .execute();
      const result = await db
        .deleteFrom('webhook_endpoints')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async health(tenantId) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select([
          'endpoint_id',
          sql<number | string>`sum(case when status = 'pending' then 1 else 0 end)`.as('queued'),
          sql<
            number | string
          >`sum(case when status = 'failed' or (status = 'pending' and attempts > 0) then 1 else 0 end)`.as(
            'failed',
          ),
          sql<string | null>`max(delivered_at)`.as('last_success'),
        ])
        .where('tenant_id', '=', tenantId)
        .groupBy('endpoint_id')
        .execute();
      const errors = await db
        .selectFrom('webhook_deliveries')
        .select(['endpoint_id', 'last_error', 'last_attempt_at'])
        .where('tenant_id', '=', tenantId)
        .where('last_error', 'is not', null)
        .orderBy('last_attempt_at', 'desc')
        .limit(200)
        .execute();
      return rows.map(
        (row): DeliveryHealth => ({
          endpointId: row.endpoint_id,
          queued: Number(row.queued),
          failed: Number(row.failed),
          lastSuccessAt: row.last_success,
          lastError: errors.find((e) => e.endpoint_id === row.endpoint_id)?.last_error ?? null,
        }),
      );
    },
  };
}
