import { type Kysely, sql } from 'kysely';
import type { DirectoryEvent } from '../../../src/domain/directory-events.js';
import type { ChangeRecord, OutboxEntry, OutboxRepository } from '../../../src/ports/directory-api.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { decodeBatch, EVENTS_PER_BATCH, encodeBatch, publicSeq, splitSeq } from './webhook-outbox-batch.js';

const COLUMNS = 6;
/** Batches read per page of changes. */
const BATCH_PAGE = 8;

/** A run of outbox entries stored as one row; `head` is the first, whose keys they all share. */
interface Batch {
  readonly head: OutboxEntry;
  readonly entries: OutboxEntry[];
}

/** Consecutive entries of one tenant, run, time and ping target, at most EVENTS_PER_BATCH each. */
function batchesOf(entries: readonly OutboxEntry[]): Batch[] {
  const batches: Batch[] = [];
  let current: Batch | null = null;
  for (const entry of entries) {
    if (current !== null && joins(current, entry)) {
      current.entries.push(entry);
    } else {
      current = { head: entry, entries: [entry] };
      batches.push(current);
    }
  }
  return batches;
}

function joins({ head, entries }: Batch, entry: OutboxEntry): boolean {
  return (
    head.tenantId === entry.tenantId &&
    head.runId === entry.runId &&
    head.event.timestamp === entry.event.timestamp &&
    (head.endpointId ?? null) === (entry.endpointId ?? null) &&
    entries.length < EVENTS_PER_BATCH
  );
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
      const rows = batchesOf(entries).map(({ head, entries: batch }) => {
        return {
          tenant_id: head.tenantId,
          run_id: head.runId,
          endpoint_id: head.endpointId ?? null,
          event_count: batch.length,
          events: encodeBatch(batch.map((entry) => entry.event)),
          created_at: head.event.timestamp,
        };
      });
      for (const chunk of chunkForParameters(rows, COLUMNS, traits)) {
        await db.insertInto('webhook_outbox_batches').values(chunk).execute();
      }
    },

    async changesSince(tenantId, seq, limit) {
      const wanted = Math.max(1, Math.floor(limit));
      const from = splitSeq(Math.max(0, seq));
      const changes: ChangeRecord[] = [];
      let after = from.batchSeq - 1;
      while (changes.length < wanted) {
        const batches = await db
          .selectFrom('webhook_outbox_batches')
          .select(['seq', 'events'])
          .where('tenant_id', '=', tenantId)
          .where('endpoint_id', 'is', null)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(BATCH_PAGE)
          .execute();
        for (const batch of batches) {
          const batchSeq = Number(batch.seq);
          decodeBatch(batch.events, batch.seq).forEach((event: DirectoryEvent, index) => {
            const at = publicSeq(batchSeq, index);
            if (at > seq && changes.length < wanted) changes.push({ seq: at, event });
          });
          after = batchSeq;
        }
        if (batches.length < BATCH_PAGE) break;
      }
      return changes;
    },
  };
}
