import type { Kysely, Migration } from 'kysely';

/**
 * Issue 11: PSA companies of one import with the same normalised name ("twins") are flagged to
 * each other and need an explicit decision before two of them are created. `name_key` holds the
 * normalised name so a review page finds its rows' twins with one indexed lookup, and submit
 * groups the run's creates by it. Existing rows keep a null key (migrations do not import the
 * domain's fold): older runs simply show no twin notes. `decided` marks a decision the admin set
 * on the row itself; existing rows were never marked: 0. Frozen once released.
 */
export const importTwins: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('run_companies').addColumn('name_key', 'text').execute();
    await db.schema
      .alterTable('run_companies')
      .addColumn('decided', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex('run_companies_name_key_ix')
      .on('run_companies')
      .columns(['run_id', 'name_key'])
      .execute();
  },
};
