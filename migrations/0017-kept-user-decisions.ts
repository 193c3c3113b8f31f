import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

/**
 * Going back to the companies drops a run's contact rows (company decisions change which
 * contacts are in scope). The admin's own user decisions wait here meanwhile, one row per
 * contact, and are laid again over the re-fetched rows where they still apply. Existing runs have
 * none waiting, so nothing is carried; a run at the user review goes on as it was.
 *
 * Frozen once released; it imports only kysely.
 */
export const keptUserDecisions: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    // The types of run_contacts (0002), so the INSERT ... SELECT and the join compare alike.
    const text = pg ? sql`text collate "C"` : sql`text`;
    const psaId = pg ? 'bigint' : 'integer';
    await db.schema
      .createTable('run_kept_user_decisions')
      .addColumn('run_id', text, (c) => c.notNull().references('import_runs.id'))
      .addColumn('psa_contact_id', psaId, (c) => c.notNull())
      .addColumn('decision_kind', text, (c) => c.notNull())
      .addColumn('decision_target', text)
      .addPrimaryKeyConstraint('run_kept_user_decisions_pk', ['run_id', 'psa_contact_id'])
      .execute();
  },
};
