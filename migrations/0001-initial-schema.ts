import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * The first schema. Frozen: later changes go into new migrations.
 *
 * Every text column is byte-ordered (PostgreSQL `COLLATE "C"`, SQLite's BINARY default) so ISO
 * timestamps and folded names compare and sort the same way on both dialects.
 */
export const initialSchema: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const text = pg ? sql`text collate "C"` : sql`text`;
    // PSA ids are 64-bit in Autotask; SQLite's integer already is.
    const psaId = pg ? 'bigint' : 'integer';

    await db.schema
      .createTable('tenants')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('approval_policy', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('tenant_workspaces')
      .addColumn('platform', text, (c) => c.notNull())
      .addColumn('workspace_id', text, (c) => c.notNull())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addPrimaryKeyConstraint('tenant_workspaces_pk', ['platform', 'workspace_id'])
      .execute();

    await db.schema
      .createTable('admins')
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('platform', text, (c) => c.notNull())
      .addColumn('user_id', text, (c) => c.notNull())
      .addColumn('display_name', text, (c) => c.notNull())
      .addColumn('added_by', text, (c) => c.notNull())
      .addColumn('added_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('admins_pk', ['tenant_id', 'platform', 'user_id'])
      .execute();

    await db.schema
      .createTable('integrations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('provider', text, (c) => c.notNull())
      .addColumn('sealed_credentials', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addUniqueConstraint('integrations_tenant_provider_uq', ['tenant_id', 'provider'])
      .execute();

    await db.schema
      .createTable('managed_companies')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('name_folded', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      // Target of the users' composite foreign key: a user's company is in the user's tenant.
      .addUniqueConstraint('managed_companies_tenant_id_uq', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('managed_companies_tenant_name_ix')
      .on('managed_companies')
      .columns(['tenant_id', 'name_folded'])
      .execute();

    await db.schema
      .createTable('managed_users')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull())
      .addColumn('company_id', text, (c) => c.notNull())
      .addColumn('email', text, (c) => c.notNull())
      .addColumn('email_lower', text, (c) => c.notNull())
      .addColumn('display_name', text, (c) => c.notNull())
      .addForeignKeyConstraint('managed_users_company_fk', ['tenant_id', 'company_id'], 'managed_companies', [
        'tenant_id',
        'id',
      ])
      .addUniqueConstraint('managed_users_tenant_email_uq', ['tenant_id', 'email_lower'])
      .execute();
    await db.schema
      .createIndex('managed_users_company_ix')
      .on('managed_users')
      .columns(['tenant_id', 'company_id'])
      .execute();

    await db.schema
      .createTable('licence_pools')
      .addColumn('tenant_id', text, (c) => c.primaryKey().references('tenants.id'))
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('company_map')
      .addColumn('integration_id', text, (c) => c.notNull().references('integrations.id'))
      .addColumn('psa_company_id', psaId, (c) => c.notNull())
      .addColumn('managed_company_id', text, (c) => c.notNull().references('managed_companies.id'))
      .addColumn('last_imported_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('company_map_pk', ['integration_id', 'psa_company_id'])
      .execute();
    await db.schema
      .createIndex('company_map_managed_ix')
      .on('company_map')
      .column('managed_company_id')
      .execute();

    await db.schema
      .createTable('contact_map')
      .addColumn('integration_id', text, (c) => c.notNull().references('integrations.id'))
      .addColumn('psa_contact_id', psaId, (c) => c.notNull())
      .addColumn('managed_user_id', text, (c) => c.notNull().references('managed_users.id'))
      .addColumn('last_imported_at', text, (c) => c.notNull())
      .addPrimaryKeyConstraint('contact_map_pk', ['integration_id', 'psa_contact_id'])
      .execute();
    await db.schema
      .createIndex('contact_map_managed_ix')
      .on('contact_map')
      .column('managed_user_id')
      .execute();

    await db.schema
      .createTable('import_runs')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('integration_id', text, (c) => c.notNull().references('integrations.id'))
      .addColumn('provider', text, (c) => c.notNull())
      .addColumn('requester_key', text, (c) => c.notNull())
      .addColumn('requester_name', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('lease_token', 'integer', (c) => c.notNull())
      .addColumn('filter', text, (c) => c.notNull())
      .addColumn('review', text)
      .addColumn('contacts', text)
      .addColumn('overrides', text, (c) => c.notNull())
      .addColumn('thread', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('updated_at', text, (c) => c.notNull())
      .addColumn('submitted_at', text)
      .addColumn('approval_expires_at', text)
      .addColumn('approver_key', text)
      .addColumn('approver_name', text)
      .addColumn('reject_reason', text)
      .addColumn('result', text)
      .addColumn('request_count', 'integer', (c) => c.notNull())
      .addColumn('failure_code', text)
      .execute();
    await db.schema
      .createIndex('import_runs_tenant_created_ix')
      .on('import_runs')
      .columns(['tenant_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('import_runs_integration_status_ix')
      .on('import_runs')
      .columns(['integration_id', 'status'])
      .execute();
    await db.schema.createIndex('import_runs_status_ix').on('import_runs').column('status').execute();

    await db.schema
      .createTable('leases')
      .addColumn('key', text, (c) => c.primaryKey())
      .addColumn('holder', text, (c) => c.notNull())
      .addColumn('token', 'integer', (c) => c.notNull())
      .addColumn('expires_at', text, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('seq', pg ? 'bigint' : 'integer', (c) =>
        pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
      )
      .addColumn('id', text, (c) => c.notNull().unique())
      .addColumn('tenant_id', text, (c) => c.notNull().references('tenants.id'))
      .addColumn('run_id', text)
      .addColumn('actor_key', text, (c) => c.notNull())
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('detail', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_tenant_run_ix')
      .on('audit_log')
      .columns(['tenant_id', 'run_id', 'seq'])
      .execute();
    await appendOnlyTriggers(db, pg);

    await db.schema
      .createTable('dedupe_keys')
      .addColumn('key', text, (c) => c.primaryKey())
      .addColumn('expires_at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dedupe_keys_expires_ix').on('dedupe_keys').column('expires_at').execute();
  },
};

/** The audit log is evidence: the database itself refuses to change or remove an entry. */
async function appendOnlyTriggers(db: Kysely<unknown>, pg: boolean): Promise<void> {
  if (pg) {
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only';
      end
      $$`.execute(db);
    await sql`
      create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
    return;
  }
  await sql`
    create trigger audit_log_no_update before update on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  await sql`
    create trigger audit_log_no_delete before delete on audit_log
    begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}
