import { type Kysely, type Migration, type SqlBool, sql } from 'kysely';

/**
 * Issue 8: a bulk company decision visits only the rows it changes. Without these, each bulk
 * statement walked every company row of the run to test its condition, so a click that changed
 * one row still cost the whole import. Two indexes:
 * - by status and decision kind: "create all unmapped" seeks the unmapped rows not on create,
 *   "skip all" the rows not on skip, "map all single candidates" the potential duplicates;
 * - a partial index of the rows "reset" would change (decided by the admin, or off their default),
 *   so a reset visits only those. Its condition is written out here as the repository writes it
 *   (both dialects use a partial index only for a query that states the same condition).
 * Indexes carry existing rows over by themselves. Frozen once released; it imports only kysely.
 */
export const companyBulkIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('run_companies_status_kind_ix')
      .on('run_companies')
      .columns(['run_id', 'status', 'decision_kind'])
      .execute();
    await db.schema
      .createIndex('run_companies_off_default_ix')
      .on('run_companies')
      .column('run_id')
      .where(
        sql.raw<SqlBool>(
          "decided = 1 or decision_kind <> default_kind or coalesce(decision_target, '') <> coalesce(default_target, '')",
        ),
      )
      .execute();
  },
};
