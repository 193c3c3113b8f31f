import { type Kysely, sql } from 'kysely';
import type { DirectoryEvent } from '../../../src/domain/directory-events.js';
import type { OutboxRepository } from '../../../src/ports/directory-api.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';

const COLUMNS = 7;

/** The body every attempt sends, serialized once so each retry signs the same bytes. */
export function eventBody(event: DirectoryEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}

export function webhookOutboxRepository(db: Kysely<Database>, traits: DialectTraits): OutboxRepository {
  return {
    async append(entries) {
      if (entries.length === 0) return;
      if (traits.name === 'postgres') {
        // Identity values are handed out before commit, so two transactions of one tenant could
        // commit their seqs out of order and a "changes since" reader would skip one. Serializing
        // the tenant's appends until commit keeps seq order equal to commit order.
        const tenants = [...new Set(entries.map((e) => e.tenantId))].sort();
        for (const tenant of tenants) {
          await sql`select pg_advisory_xact_lock(hashtext(${`outbox:${tenant}`}))`.execute(db);
        }
      }
      const rows = entries.map((entry) => ({
        id: entry.event.id,
        tenant_id: entry.tenantId,
        type: entry.event.type,
        payload: eventBody(entry.event),
        run_id: entry.runId,
        endpoint_id: entry.endpointId ?? null,
        created_at: entry.event.timestamp,
      }));
      for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
        await db.insertInto('webhook_outbox').values(chunk).execute();
      }
    },

    async changesSince(tenantId, seq, limit) {
      const rows = await db
        .selectFrom('webhook_outbox')
        .select(['seq', 'id', 'type', 'payload'])
        .where('tenant_id', '=', tenantId)
        .where('endpoint_id', 'is', null)
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(Math.max(1, Math.floor(limit)))
        .execute();
      return rows.map((row) => {
        const body = JSON.parse(row.payload) as { timestamp: string; data: Record<string, unknown> };
        return {
          seq: Number(row.seq),
          event: {
            id: row.id,
            type: row.type as DirectoryEvent['type'],
            timestamp: body.timestamp,
            data: body.data,
          },
        };
      });
    },
  };
}
