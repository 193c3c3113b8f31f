import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * The change digest (issue 14): one schedule per integration with its next due time (so a
 * restart or another replica knows what is due) and the change set last reported, plus a log of
 * the digests posted. New tables only: no existing row changes. Frozen once released.
 */
export const changeDigest: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;

    await db.schema
      .createTable('digest_schedules')
      .addColumn('integration_id', text, (c) => c.primaryKey().references('integrations.id'))
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('provider', text, (c) => c.notNull())
      .addColumn('cadence', text, (c) => c.notNull())
      .addColumn('weekday', 'integer', (c) => c.notNull())
      .addColumn('minute_of_day', 'integer', (c) => c.notNull())
      .addColumn('time_zone', text, (c) => c.notNull())
      .addColumn('always', 'integer', (c) => c.notNull())
      .addColumn('conversation_platform', text, (c) => c.notNull())
      /** Adapter-owned JSON: a Slack channel id, a Teams conversation reference, the terminal. */
      .addColumn('conversation', text, (c) => c.notNull())
      .addColumn('set_by', text, (c) => c.notNull())
      .addColumn('set_at', text, (c) => c.notNull())
      /** ISO 8601 UTC; compared as text, which orders like time for this fixed format. */
      .addColumn('next_due_at', text, (c) => c.notNull())
      .addColumn('last_run_at', text)
      /** JSON array of change keys last reported; null when nothing is outstanding. */
      .addColumn('reported_keys', text)
      .addColumn('reported_fingerprint', text)
      .addColumn('reported_at', text)
      .addColumn('last_error_code', text)
      .execute();
    await db.schema
      .createIndex('digest_schedules_due_ix')
      .on('digest_schedules')
      .column('next_due_at')
      .execute();
    await db.schema
      .createIndex('digest_schedules_tenant_ix')
      .on('digest_schedules')
      .column('tenant_id')
      .execute();

    await db.schema
      .createTable('digest_log')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('integration_id', text, (c) => c.notNull())
      .addColumn('provider', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('outcome', text, (c) => c.notNull())
      .addColumn('changes', 'integer', (c) => c.notNull())
      .addColumn('fingerprint', text)
      .addColumn('error_code', text)
      .execute();
    await db.schema
      .createIndex('digest_log_tenant_ix')
      .on('digest_log')
      .columns(['tenant_id', 'at'])
      .execute();
  },
};
