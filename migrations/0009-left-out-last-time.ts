import type { Kysely, Migration } from 'kysely';

/**
 * Issue 15: a company left out by the last applied import of an integration stays left out by
 * default, and its row says so. Existing rows were never marked: 0. Frozen once released.
 */
export const leftOutLastTime: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('run_companies')
      .addColumn('left_out_before', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
