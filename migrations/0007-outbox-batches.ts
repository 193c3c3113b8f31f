import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * The outbox holds batches of events (issue 13): one row per up to a thousand events of one
 * tenant and run, so an apply of 50,000 users writes fifty rows, not 50,000. Every event keeps
 * its own id (the `webhook-id`); a delivery points at its event by batch seq and index.
 * Queued events of `webhook_outbox` become one-event batches under the same seq, so endpoints'
 * `enqueued_seq` and pending deliveries stay valid. Also records the failure digests posted in
 * import threads. Frozen once released.
 */
interface OldEvent {
  seq: number | string;
  id: string;
  tenant_id: string;
  type: string;
  payload: string;
  run_id: string | null;
  endpoint_id: string | null;
  created_at: string;
}

interface Batch {
  seq: number;
  tenant_id: string;
  run_id: string | null;
  endpoint_id: string | null;
  event_count: number;
  events: string;
  created_at: string;
}

interface Tables {
  webhook_outbox: OldEvent;
  webhook_outbox_batches: Batch;
}

const PAGE = 1000;

export const outboxBatches: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;
    const bigint = pg ? 'bigint' : 'integer';

    await db.schema
      .createTable('webhook_outbox_batches')
      .addColumn('seq', bigint, (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('run_id', text)
      /** Set for a test ping: only this endpoint receives it, and it is not a change. */
      .addColumn('endpoint_id', text)
      .addColumn('event_count', 'integer', (c) => c.notNull())
      /** JSON array of {id, type, timestamp, data}, in the order they happened. */
      .addColumn('events', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_outbox_batches_tenant_seq_ix')
      .on('webhook_outbox_batches')
      .columns(['tenant_id', 'seq'])
      .execute();
    await db.schema
      .alterTable('webhook_deliveries')
      .addColumn('event_index', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    // One row per endpoint and run whose failures were reported in the run's thread: the insert
    // that wins decides who posts, so the digest is posted once, whatever the replicas.
    await db.schema
      .createTable('webhook_failure_digests')
      .addColumn('endpoint_id', text, (c) => c.notNull())
      .addColumn('run_id', text, (c) => c.notNull())
      .addColumn('tenant_id', text, (c) => c.notNull())
      .addColumn('posted_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_failure_digests_pk', ['endpoint_id', 'run_id'])
      .execute();

    const tables = db as unknown as Kysely<Tables>;
    let after = 0;
    for (;;) {
      const rows = await tables
        .selectFrom('webhook_outbox')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length > 0) {
        await tables
          .insertInto('webhook_outbox_batches')
          .values(
            rows.map((row) => {
              const body = JSON.parse(row.payload) as { timestamp: string; data: unknown };
              return {
                seq: Number(row.seq),
                tenant_id: row.tenant_id,
                run_id: row.run_id,
                endpoint_id: row.endpoint_id,
                event_count: 1,
                events: JSON.stringify([
                  { id: row.id, type: row.type, timestamp: body.timestamp, data: body.data },
                ]),
                created_at: row.created_at,
              };
            }),
          )
          .execute();
      }
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < PAGE) break;
      after = Number(last.seq);
    }
    if (pg) {
      // The carried-over seqs were given explicitly: the identity must continue after them.
      await sql`select setval(pg_get_serial_sequence('webhook_outbox_batches', 'seq'),
        coalesce((select max(seq) from webhook_outbox_batches), 0) + 1, false)`.execute(db);
    }
    await db.schema.dropTable('webhook_outbox').execute();
  },
};
