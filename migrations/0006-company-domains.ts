import type { Kysely, Migration } from 'kysely';

/**
 * Issue 11 (same domain): the domains a managed company is known by, from a CSV `domain` column
 * or set by hand in chat. Domains of the company's users' emails are derived on read, not stored.
 * A new table: existing rows are untouched. Frozen once released.
 */
export const companyDomains: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('company_domains')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('company_id', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('company_domains_pk', ['tenant_id', 'company_id', 'domain'])
      .execute();
    await db.schema
      .createIndex('company_domains_by_domain')
      .on('company_domains')
      .columns(['tenant_id', 'domain'])
      .execute();
  },
};
