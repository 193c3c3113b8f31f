import { type Kysely, type SqlBool, sql } from 'kysely';
import type { CompanyBulkAction, CompanyDecision } from '../../../src/domain/decisions.js';
import type { CompanyStatus } from '../../../src/domain/review.js';
import type { Database } from '../schema.js';

/** Every kind of company decision and every row status (complete by type): a bulk lists the ones it changes. */
const KINDS: Readonly<Record<CompanyDecision['kind'], true>> = {
  create: true,
  keep: true,
  map: true,
  'unmap-create': true,
  skip: true,
};
const STATUS: Readonly<Record<CompanyStatus, true>> = {
  mapped: true,
  unmapped: true,
  'potential-duplicate': true,
};
const STATUSES = Object.keys(STATUS) as CompanyStatus[];
const kindsOtherThan = (kind: CompanyDecision['kind']): CompanyDecision['kind'][] =>
  (Object.keys(KINDS) as CompanyDecision['kind'][]).filter((other) => other !== kind);

/**
 * The rows a reset changes: the condition of the partial index of migration 0014, written the
 * same (with literals, not parameters), so both dialects can use that index.
 */
const OFF_DEFAULT = sql<SqlBool>`(decided = 1 or decision_kind <> default_kind or coalesce(decision_target, '') <> coalesce(default_target, ''))`;

const changedRows = (result: { numUpdatedRows: bigint } | undefined): number =>
  Number(result?.numUpdatedRows ?? 0);

/**
 * A bulk company decision: one statement over the run's rows, which names the rows it changes in
 * terms an index of migration 0014 can seek, so it costs the rows it changes, not the run's. The
 * triggers of migration 0005 move the run's counts in the same statement. Returns how many rows
 * changed decision.
 */
export async function bulkCompanyDecision(
  db: Kysely<Database>,
  runId: string,
  action: CompanyBulkAction,
): Promise<number> {
  const update = db.updateTable('run_companies').where('run_id', '=', runId);
  switch (action) {
    case 'reset': {
      // The rows off their default are counted already; the flag-only rows change no decision.
      const counts = await db
        .selectFrom('run_counts')
        .select('companies_offer_reset')
        .where('run_id', '=', runId)
        .executeTakeFirst();
      await update
        .set((eb) => ({
          decision_kind: eb.ref('default_kind'),
          decision_target: eb.ref('default_target'),
          // Back to defaults means no row counts as decided by the admin any more.
          decided: 0,
        }))
        .where(OFF_DEFAULT)
        .execute();
      return Number(counts?.companies_offer_reset ?? 0);
    }
    case 'skip-all':
      return changedRows(
        await update
          .set({ decision_kind: 'skip', decision_target: null })
          .where('status', 'in', STATUSES)
          .where('decision_kind', 'in', kindsOtherThan('skip'))
          .executeTakeFirst(),
      );
    case 'create-all-unmapped':
      return changedRows(
        await update
          .set({ decision_kind: 'create', decision_target: null })
          .where('status', '=', 'unmapped')
          .where('decision_kind', 'in', kindsOtherThan('create'))
          .executeTakeFirst(),
      );
    case 'map-all-single-candidates':
      return changedRows(
        await update
          .set((eb) => ({ decision_kind: 'map', decision_target: eb.ref('single_candidate') }))
          .where('status', '=', 'potential-duplicate')
          .where('single_candidate', 'is not', null)
          .executeTakeFirst(),
      );
  }
}
