import type { Kysely } from 'kysely';
import type { PlannedCreate } from '../../../src/domain/import-duplicates.js';
import type { Database } from '../schema.js';
import { companyDecisionOf } from './row-schemas.js';

/** Decisions that make a new managed company, so two of one name need the admin's word. */
const CREATING = ['create', 'unmap-create'] as const;

/**
 * The shared names of a run that two or more creating rows hold, some of them not confirmed by the
 * admin. `in (subquery)` rather than a join: without statistics SQLite put the company rows in the
 * outer loop of the join, reading every row of the run with a name; this way it looks up only the
 * kept names' rows (a test checks the plan).
 */
export function creatingTwinNames(db: Kysely<Database>, runId: string, groups: number) {
  const shared = db.selectFrom('run_name_twins').select('name_key').where('run_id', '=', runId);
  return db
    .selectFrom('run_companies')
    .select('name_key')
    .where('run_id', '=', runId)
    .where('name_key', 'in', shared)
    .where('decision_kind', 'in', [...CREATING])
    .groupBy('name_key')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .having((eb) => eb.fn.min('decided'), '=', 0)
    .orderBy('name_key')
    .limit(groups);
}

/** Submit's same-name check, over the names `run_name_twins` keeps (migration 0015). */
export function runNameTwins(db: Kysely<Database>) {
  return {
    async duplicateCreates(runId: string, groups: number) {
      // Same-name groups among the rows that would create a company, where some row still holds
      // a decision the admin did not set. Only the run's shared names are grouped, so the cost is
      // that of its twins, not of its creates.
      const keys = (await creatingTwinNames(db, runId, groups).execute()).flatMap((row) =>
        row.name_key === null ? [] : [row.name_key],
      );
      if (keys.length === 0) return { creates: [], decided: [] };
      const rows = await db
        .selectFrom('run_companies')
        .select(['psa_company_id', 'name', 'decision_kind', 'decision_target', 'decided'])
        .where('run_id', '=', runId)
        .where('decision_kind', 'in', [...CREATING])
        .where('name_key', 'in', keys)
        .orderBy('psa_company_id')
        .execute();
      const creates: PlannedCreate[] = rows.map((row) => ({
        psaCompanyId: Number(row.psa_company_id),
        name: row.name,
        decision: companyDecisionOf(row.decision_kind, row.decision_target),
      }));
      const decided = rows
        .filter((row) => Number(row.decided) === 1)
        .map((row) => Number(row.psa_company_id));
      return { creates, decided };
    },
  };
}
