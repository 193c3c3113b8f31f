import type { Kysely } from 'kysely';
import type { ClaimedDelivery, DeliveryRepository } from '../../../src/ports/directory-api.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';

const DELIVERY_COLUMNS = 7;
const ERROR_LENGTH = 300;

/**
 * Deliveries are made lazily from the outbox: each endpoint keeps the last seq it has turned into
 * deliveries, so an apply writes its events once, whatever the number of endpoints.
 * Call `enqueue` and `claim` inside a transaction: on PostgreSQL the claim's row locks
 * (`FOR UPDATE SKIP LOCKED`) last until it commits, so replicas never claim the same row.
 */
export function webhookDeliveryRepository(db: Kysely<Database>, traits: DialectTraits): DeliveryRepository {
  return {
    async enqueue(now, limit) {
      const endpoints = await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'tenant_id', 'events', 'enqueued_seq'])
        .where('disabled_at', 'is', null)
        .execute();
      let enqueued = 0;
      for (const endpoint of endpoints) {
        const from = Number(endpoint.enqueued_seq);
        const events = await db
          .selectFrom('webhook_outbox')
          .select(['seq', 'id', 'type', 'endpoint_id'])
          .where('tenant_id', '=', endpoint.tenant_id)
          .where('seq', '>', from)
          .orderBy('seq')
          .limit(limit)
          .execute();
        const last = events.at(-1);
        if (last === undefined) continue;
        const wanted = JSON.parse(endpoint.events) as string[];
        const rows = events
          .filter((e) =>
            e.endpoint_id === null
              ? wanted.length === 0 || wanted.includes(e.type)
              : e.endpoint_id === endpoint.id,
          )
          .map((e) => ({
            endpoint_id: endpoint.id,
            event_id: e.id,
            event_seq: Number(e.seq),
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
      return enqueued;
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
      if (picked.length === 0) return [];
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .innerJoin('webhook_outbox as o', 'o.seq', 'd.event_seq')
        .select([
          'd.endpoint_id',
          'd.tenant_id',
          'e.url',
          'e.sealed_secret',
          'e.sealed_previous_secret',
          'e.previous_secret_until',
          'd.event_id',
          'o.payload',
          'o.created_at',
          'd.attempts',
        ])
        .where('d.lease_owner', '=', owner)
        .where('d.lease_until', '=', leaseUntil)
        .where('d.status', '=', 'pending')
        .orderBy('d.event_seq')
        .execute();
      const claimed = rows.map(
        (row): ClaimedDelivery => ({
          endpointId: row.endpoint_id,
          tenantId: row.tenant_id,
          url: row.url,
          sealedSecret: row.sealed_secret,
          sealedPreviousSecret: row.sealed_previous_secret,
          previousSecretUntil: row.previous_secret_until,
          eventId: row.event_id,
          payload: row.payload,
          createdAt: row.created_at,
          attempts: row.attempts,
        }),
      );
      return claimed;
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
  };
}
