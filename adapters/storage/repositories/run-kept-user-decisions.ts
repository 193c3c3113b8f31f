import { type Kysely, type SqlBool, sql } from 'kysely';
import type { KeptUserDecision, KeptUserDecisionRepository } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { userDecisionOf } from './row-schemas.js';

/** The admin set it: a default is worked out again from the re-fetched contact, so only these wait. */
const SET_BY_ADMIN = sql<SqlBool>`(decision_kind <> default_kind
  or coalesce(decision_target, '') <> coalesce(default_target, ''))`;

/** The user decisions of runs gone back to the companies, waiting for the contacts to come again. */
export function runKeptUserDecisions(
  db: Kysely<Database>,
  traits: DialectTraits,
): KeptUserDecisionRepository {
  const ofRun = (runId: string) => db.deleteFrom('run_kept_user_decisions').where('run_id', '=', runId);
  return {
    async keep(runId: string): Promise<number> {
      // A failed earlier round trip may have left some: these replace them, never add to them.
      await ofRun(runId).execute();
      const result = await db
        .insertInto('run_kept_user_decisions')
        .columns(['run_id', 'psa_contact_id', 'decision_kind', 'decision_target'])
        .expression(
          db
            .selectFrom('run_contacts')
            .select(['run_id', 'psa_contact_id', 'decision_kind', 'decision_target'])
            .where('run_id', '=', runId)
            .where(SET_BY_ADMIN),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    async keptAfter(runId: string, after: number | null, limit: number): Promise<KeptUserDecision[]> {
      let query = db
        .selectFrom('run_kept_user_decisions')
        .select(['psa_contact_id', 'decision_kind', 'decision_target'])
        .where('run_id', '=', runId);
      if (after !== null) query = query.where('psa_contact_id', '>', after);
      const rows = await query.orderBy('psa_contact_id').limit(limit).execute();
      return rows.map((row) => ({
        psaContactId: Number(row.psa_contact_id),
        decision: userDecisionOf(row.decision_kind, row.decision_target),
      }));
    },

    async restore(runId: string, psaContactIds: readonly number[]): Promise<void> {
      for (const chunk of chunkForParameters(psaContactIds, 1, traits, 4)) {
        await db
          .updateTable('run_contacts')
          .set((eb) => {
            const kept = eb
              .selectFrom('run_kept_user_decisions as k')
              .where('k.run_id', '=', runId)
              .whereRef('k.psa_contact_id', '=', 'run_contacts.psa_contact_id');
            return {
              decision_kind: kept.select('k.decision_kind'),
              decision_target: kept.select('k.decision_target'),
            };
          })
          .where('run_id', '=', runId)
          .where('psa_contact_id', 'in', chunk)
          .execute();
      }
    },

    async drop(runId: string): Promise<void> {
      await ofRun(runId).execute();
    },
  };
}
