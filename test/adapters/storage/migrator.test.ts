import { type Kysely, type Migration, sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { MigrationError, migrateToLatest } from '../../../adapters/storage/migrator.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';

const TABLES = [
  'admins',
  'api_tokens',
  'audit_log',
  'company_domains',
  'company_map',
  'contact_map',
  'dedupe_keys',
  'digest_log',
  'digest_schedules',
  'import_runs',
  'integrations',
  'leases',
  'licence_pools',
  'managed_companies',
  'managed_users',
  'run_companies',
  'run_contacts',
  'run_counts',
  'run_kept_user_decisions',
  'run_missing',
  'run_name_twins',
  'tenant_workspaces',
  'tenants',
  'webhook_deliveries',
  'webhook_endpoints',
  'webhook_failure_digests',
  'webhook_outbox_batches',
];

describe.each(storageDialects())('migrations on $name', (dialect) => {
  const current = useTestStorage(dialect);
  let opened: TestStorage;
  beforeEach(() => {
    opened = current();
  });

  it('creates every table', async () => {
    // PostgreSQL test databases are schemas of one server: look at ours only.
    const ours =
      opened.dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(opened.db)).rows[0]
            ?.schema
        : undefined;
    const tables = await opened.db.introspection.getTables();
    const names = tables
      .filter((t) => t.schema === ours)
      .map((t) => t.name)
      .filter((n) => !n.startsWith('kysely_'));
    expect(names.sort()).toEqual(TABLES);
  });

  it('records every migration and runs nothing the second time', async () => {
    const done = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
      opened.db,
    );
    expect(done.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    expect(await migrateToLatest(opened.db)).toEqual([]);
  });

  it('runs a new migration once and reports it by name', async () => {
    const next: Migration = {
      async up(db: Kysely<unknown>) {
        await db.schema.createTable('extra').addColumn('id', 'integer').execute();
      },
    };
    const migrations = { ...MIGRATIONS, '9999-extra': next };
    expect(await migrateToLatest(opened.db, migrations)).toEqual(['9999-extra']);
    expect(await migrateToLatest(opened.db, migrations)).toEqual([]);
  });

  it('names the migration that failed', async () => {
    const broken: Migration = {
      async up(db: Kysely<unknown>) {
        await sql`create table tenants (id integer)`.execute(db);
      },
    };
    const failure = await migrateToLatest(opened.db, { ...MIGRATIONS, '9999-broken': broken }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).migrationName).toBe('9999-broken');
  });
});
