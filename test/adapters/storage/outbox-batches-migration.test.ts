import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../adapters/storage/migrator.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { T0 } from './storage-fixtures.js';

const UP_TO_0004 = Object.fromEntries(
  Object.entries(MIGRATIONS).filter(([name]) => name <= '0004-directory-api'),
);

const event = (seq: number, id: string, type: string, endpointId: string | null = null) => ({
  seq,
  id,
  tenant_id: 't',
  type,
  payload: JSON.stringify({ type, timestamp: T0, data: { runId: 'run-1', n: seq } }),
  run_id: 'run-1',
  endpoint_id: endpointId,
  created_at: T0,
});

describe.each(storageDialects())('0007 carries queued events into batches on $name', (dialect) => {
  let opened: TestStorage | undefined;
  afterEach(async () => {
    await opened?.close();
  });

  it('keeps every event, its id, its pending delivery and the seq order', async () => {
    opened = await dialect.open({ migrate: false });
    // biome-ignore lint/suspicious/noExplicitAny: the test writes rows of the 0004 schema.
    const db = opened.db as any;
    await migrateToLatest(db, UP_TO_0004);
    await db
      .insertInto('tenants')
      .values({ id: 't', name: 'MSP', approval_policy: 'self', created_at: T0 })
      .execute();
    await db
      .insertInto('webhook_endpoints')
      .values({
        id: 'ep',
        tenant_id: 't',
        url: 'https://receiver.example/',
        events: '[]',
        sealed_secret: 'sealed',
        enqueued_seq: 2,
        created_by: 'Alice',
        created_at: T0,
        updated_at: T0,
      })
      .execute();
    await db
      .insertInto('webhook_outbox')
      .values([
        event(1, 'evt_a', 'company.created'),
        event(2, 'evt_b', 'user.created'),
        event(3, 'evt_ping', 'webhook.ping', 'ep'),
        event(4, 'evt_c', 'import.applied'),
      ])
      .execute();
    await db
      .insertInto('webhook_deliveries')
      .values({
        endpoint_id: 'ep',
        event_id: 'evt_b',
        event_seq: 2,
        tenant_id: 't',
        status: 'pending',
        attempts: 1,
        next_attempt_at: T0,
      })
      .execute();

    expect(await migrateToLatest(db, MIGRATIONS)).toContain('0007-outbox-batches');

    const repos = opened.storage.repos.directoryApi;
    const changes = await repos.outbox.changesSince('t', 0, 10);
    expect(changes.map((c) => c.event.id)).toEqual(['evt_a', 'evt_b', 'evt_c']);
    expect(changes[1]?.event).toEqual({
      id: 'evt_b',
      type: 'user.created',
      timestamp: T0,
      data: { runId: 'run-1', n: 2 },
    });
    // The delivery pending before the upgrade, then the events after the endpoint's mark.
    const now = '2030-01-01T00:00:00.000Z';
    const sent = await opened.storage.transaction(async (trx) => {
      await trx.directoryApi.deliveries.enqueue(now, 100);
      return trx.directoryApi.deliveries.claim('me', now, '2030-01-01T00:01:00.000Z', 100);
    });
    expect(sent.damaged).toEqual([]);
    expect(sent.records.map((d) => [d.eventId, JSON.parse(d.payload).data.n])).toEqual([
      ['evt_b', 2],
      ['evt_ping', 3],
      ['evt_c', 4],
    ]);
    // New batches continue after the carried-over seqs.
    await repos.outbox.append([
      {
        event: { id: 'evt_d', type: 'import.rejected', timestamp: T0, data: {} },
        tenantId: 't',
        runId: 'run-2',
      },
    ]);
    const after = await repos.outbox.changesSince('t', changes[2]?.seq ?? 0, 10);
    expect(after.map((c) => c.event.id)).toEqual(['evt_d']);
  });
});
