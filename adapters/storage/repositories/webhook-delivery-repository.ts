import type { Kysely } from 'kysely';
import { PING_EVENT_TYPE } from '../../../src/domain/directory-events.js';
import type { ClaimedDelivery, DeliveryRepository } from '../../../src/ports/directory-api.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { readEach } from './row-schemas.js';
import { eventsOf, failDeliveriesOf } from './webhook-claimed-events.js';
import { endpointEvents } from './webhook-endpoint-repository.js';
import { decodeBatch, eventBody } from './webhook-outbox-batch.js';

const DELIVERY_COLUMNS = 8;
const ERROR_LENGTH = 300;

/**
 * Deliveries are made lazily from the outbox: each endpoint keeps the last batch seq it has turned
 * into deliveries, so an apply writes its events once, whatever the number of endpoints; each
 * event of a batch becomes its own delivery, keyed by the event's id.
 * Call `enqueue` and `claim` inside a transaction: on PostgreSQL the claim's row locks
 * (`FOR UPDATE SKIP LOCKED`) last until it commits, so replicas never claim the same row.
 */
export function webhookDeliveryRepository(db: Kysely<Database>, traits: DialectTraits): DeliveryRepository {
  return {
    async enqueue(now, limit) {
      const stored = await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'tenant_id', 'events', 'enqueued_seq'])
        .where('disabled_at', 'is', null)
        .execute();
      // Every tenant's endpoints in one round: a damaged one is skipped, not the round.
      const endpoints = readEach(
        'webhook_endpoints',
        stored,
        (row) => row.id,
        (row) => ({
          ...row,
          wanted: endpointEvents(row.id, row.events),
        }),
      );
      const damaged = [...endpoints.damaged];
      let enqueued = 0;
      for (const endpoint of endpoints.records) {
        const from = Number(endpoint.enqueued_seq);
        const found = await nextBatches(db, endpoint.tenant_id, from, limit);
        const last = found.at(-1);
        if (last === undefined) continue;
        const { wanted } = endpoint;
        // A damaged batch is skipped for good: the compare-and-set below moves past it.
        const batches = readEach(
          'webhook_outbox_batches',
          found.filter((batch) => batch.endpoint_id === null || batch.endpoint_id === endpoint.id),
          (batch) => String(batch.seq),
          (batch) => ({ seq: Number(batch.seq), events: decodeBatch(batch.events, batch.seq) }),
        );
        damaged.push(...batches.damaged);
        const rows = batches.records
          .flatMap((batch) => batch.events.map((event, index) => ({ event, index, seq: batch.seq })))
          .filter(
            ({ event }) =>
              event.type === PING_EVENT_TYPE || wanted.length === 0 || wanted.includes(event.type),
          )
          .map(({ event, index, seq }) => ({
            endpoint_id: endpoint.id,
            event_id: event.id,
            event_seq: seq,
            event_index: index,
            tenant_id: endpoint.tenant_id,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
          }));
        for (const chunk of chunkForParameters(rows, DELIVERY_COLUMNS, traits)) {
          await db
            .insertInto('webhook_deliveries')
            .values(chunk)
            .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
            .execute();
        }
        // Compare-and-set: a replica that enqueued the same range first wins; the inserts above
        // were no-ops for it.
        await db
          .updateTable('webhook_endpoints')
          .set({ enqueued_seq: Number(last.seq) })
          .where('id', '=', endpoint.id)
          .where('enqueued_seq', '=', from)
          .execute();
        enqueued += rows.length;
      }
      return { enqueued, damaged };
    },

    async claim(owner, now, leaseUntil, limit) {
      let due = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select(['d.endpoint_id', 'd.event_id'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
        .where('e.disabled_at', 'is', null)
        .orderBy('d.next_attempt_at')
        .orderBy('d.event_seq')
        .limit(Math.max(1, Math.floor(limit)));
      if (traits.name === 'postgres') due = due.forUpdate(['d']).skipLocked();
      const picked = await due.execute();
      const byEndpoint = new Map<string, string[]>();
      for (const key of picked)
        byEndpoint.set(key.endpoint_id, [...(byEndpoint.get(key.endpoint_id) ?? []), key.event_id]);
      for (const [endpointId, eventIds] of byEndpoint) {
        await db
          .updateTable('webhook_deliveries')
          .set({ lease_owner: owner, lease_until: leaseUntil })
          .where('endpoint_id', '=', endpointId)
          .where('event_id', 'in', eventIds)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
          .execute();
      }
      if (picked.length === 0) return { records: [], damaged: [] };
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select([
          'd.endpoint_id',
          'd.tenant_id',
          'e.url',
          'e.sealed_secret',
          'e.sealed_previous_secret',
          'e.previous_secret_until',
          'd.event_id',
          'd.event_seq',
          'd.event_index',
          'd.attempts',
        ])
        .where('d.lease_owner', '=', owner)
        .where('d.lease_until', '=', leaseUntil)
        .where('d.status', '=', 'pending')
        .orderBy('d.event_seq')
        .orderBy('d.event_index')
        .execute();
      const { loaded: events, damaged } = await eventsOf(db, [
        ...new Set(rows.map((row) => Number(row.event_seq))),
      ]);
      await failDeliveriesOf(db, owner, damaged, now);
      const records = rows.flatMap((row): ClaimedDelivery[] => {
        const event = events.get(Number(row.event_seq))?.events[row.event_index];
        // A batch is never deleted while it has deliveries; a mismatch would be a bug, not a send.
        if (event === undefined || event.id !== row.event_id) return [];
        return [
          {
            endpointId: row.endpoint_id,
            tenantId: row.tenant_id,
            url: row.url,
            sealedSecret: row.sealed_secret,
            sealedPreviousSecret: row.sealed_previous_secret,
            previousSecretUntil: row.previous_secret_until,
            eventId: row.event_id,
            payload: eventBody(event),
            createdAt: event.timestamp,
            attempts: row.attempts,
            runId: events.get(Number(row.event_seq))?.runId ?? null,
          },
        ];
      });
      return { records, damaged };
    },

    async finish(owner, delivery, outcome, at) {
      const base = {
        attempts: delivery.attempts + 1,
        last_attempt_at: at,
        lease_owner: null,
        lease_until: null,
      };
      const patch =
        outcome.kind === 'delivered'
          ? { ...base, status: 'delivered', last_status: outcome.status, last_error: null, delivered_at: at }
          : outcome.kind === 'retry'
            ? {
                ...base,
                status: 'pending',
                next_attempt_at: outcome.nextAttemptAt,
                last_status: outcome.status,
                last_error: outcome.error.slice(0, ERROR_LENGTH),
              }
            : {
                ...base,
                status: 'failed',
                last_status: outcome.status,
                last_error:
                  outcome.kind === 'gone'
                    ? 'the receiver answered 410 Gone'
                    : outcome.error.slice(0, ERROR_LENGTH),
              };
      const result = await db
        .updateTable('webhook_deliveries')
        .set(patch)
        .where('endpoint_id', '=', delivery.endpointId)
        .where('event_id', '=', delivery.eventId)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      if (outcome.kind === 'gone') {
        await db
          .updateTable('webhook_endpoints')
          .set({ disabled_at: at, disabled_reason: 'the receiver answered 410 Gone', updated_at: at })
          .where('id', '=', delivery.endpointId)
          .where('disabled_at', 'is', null)
          .execute();
      }
      return Number(result.numUpdatedRows) > 0;
    },

    async claimFailureDigest(tenantId, endpointId, runId, at) {
      const result = await db
        .insertInto('webhook_failure_digests')
        .values({ endpoint_id: endpointId, run_id: runId, tenant_id: tenantId, posted_at: at })
        .onConflict((oc) => oc.columns(['endpoint_id', 'run_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
  };
}

/**
 * The tenant's batches after `from`, as many as make up about `limit` events (at least one): the
 * small columns first, so a round never reads more large rows than it turns into deliveries.
 */
async function nextBatches(db: Kysely<Database>, tenantId: string, from: number, limit: number) {
  const heads = await db
    .selectFrom('webhook_outbox_batches')
    .select(['seq', 'event_count'])
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', from)
    .orderBy('seq')
    .limit(Math.max(1, Math.floor(limit)))
    .execute();
  let total = 0;
  let upTo = from;
  for (const head of heads) {
    if (total > 0 && total + head.event_count > limit) break;
    total += head.event_count;
    upTo = Number(head.seq);
  }
  if (upTo === from) return [];
  return db
    .selectFrom('webhook_outbox_batches')
    .select(['seq', 'endpoint_id', 'events'])
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', from)
    .where('seq', '<=', upTo)
    .orderBy('seq')
    .execute();
}
