import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * The directory flows on (issue 13): read-API tokens, webhook endpoints, the transactional outbox
 * and its deliveries. Frozen once released. Numbered 0004 so it runs after the run-rows (0002)
 * and name-matching (0003) migrations developed alongside it.
 */
export const directoryApi: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;
    const bigint = pg ? 'bigint' : 'integer';

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      // SHA-256 of a token with at least 256 random bits: a slow hash would add nothing.
      .addColumn('token_hash', text, (c) => c.notNull().unique())
      .addColumn('created_by', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('revoked_at', text)
      .addColumn('last_used_at', text)
      .execute();
    await db.schema.createIndex('api_tokens_tenant_ix').on('api_tokens').column('tenant_id').execute();

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('url', text, (c) => c.notNull())
      /** JSON array of event types; empty means every type. */
      .addColumn('events', text, (c) => c.notNull())
      .addColumn('sealed_secret', text, (c) => c.notNull())
      .addColumn('sealed_previous_secret', text)
      .addColumn('previous_secret_until', text)
      .addColumn('disabled_at', text)
      .addColumn('disabled_reason', text)
      /** The last outbox seq turned into deliveries for this endpoint. */
      .addColumn('enqueued_seq', bigint, (c) => c.notNull())
      .addColumn('created_by', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_endpoints_tenant_ix')
      .on('webhook_endpoints')
      .column('tenant_id')
      .execute();

    await db.schema
      .createTable('webhook_outbox')
      .addColumn('seq', bigint, (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey()))
      /**
       * The event id, sent as `webhook-id` on every attempt. Random, so not indexed: an index of
       * random keys would cost the apply a fifth of its time; deliveries join on seq.
       */
      .addColumn('id', text, (c) => c.notNull())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('payload', text, (c) => c.notNull())
      .addColumn('run_id', text)
      /** Set for a test ping: only this endpoint receives it, and it is not a change. */
      .addColumn('endpoint_id', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('webhook_outbox_tenant_seq_ix')
      .on('webhook_outbox')
      .columns(['tenant_id', 'seq'])
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('endpoint_id', text, (c) =>
        c.notNull().references('webhook_endpoints.id').onDelete('cascade'),
      )
      .addColumn('event_id', text, (c) => c.notNull())
      .addColumn('event_seq', bigint, (c) => c.notNull())
      .addColumn('tenant_id', text, (c) => c.notNull())
      /** pending, delivered or failed (gave up). */
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('last_attempt_at', text)
      .addColumn('last_status', 'integer')
      .addColumn('last_error', text)
      .addColumn('delivered_at', text)
      .addColumn('lease_owner', text)
      .addColumn('lease_until', text)
      .addPrimaryKeyConstraint('webhook_deliveries_pk', ['endpoint_id', 'event_id'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_due_ix')
      .on('webhook_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
  },
};
