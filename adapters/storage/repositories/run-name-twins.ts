import type { Kysely } from 'kysely';
import type { PlannedCreate } from '../../../src/domain/import-duplicates.js';
import type { Database } from '../schema.js';
import { companyDecisionOf } from './row-schemas.js';

/** Decisions that make a new managed company, so two of one name need the admin's word. */
const CREATING = ['create', 'unmap-create'] as const;

/** Submit's same-name check, over the names `run_name_twins` keeps (migration 0015). */
export function runNameTwins(db: Kysely<Database>) {
  return {
    async duplicateCreates(runId: string, groups: number) {
      // Same-name groups among the rows that would create a company, where some row still holds
      // a decision the admin did not set. Only the run's shared names are grouped, so the cost is
      // that of its twins, not of its creates.
      const keys = await db
        .selectFrom('run_name_twins as t')
        .innerJoin('run_companies as c', (join) =>
          join.onRef('c.run_id', '=', 't.run_id').onRef('c.name_key', '=', 't.name_key'),
        )
        .select('t.name_key')
        .where('t.run_id', '=', runId)
        .where('c.decision_kind', 'in', [...CREATING])
        .groupBy('t.name_key')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .having((eb) => eb.fn.min('c.decided'), '=', 0)
        .orderBy('t.name_key')
        .limit(groups)
        .execute();
      if (keys.length === 0) return { creates: [], decided: [] };
      const rows = await db
        .selectFrom('run_companies')
        .select(['psa_company_id', 'name', 'decision_kind', 'decision_target', 'decided'])
        .where('run_id', '=', runId)
        .where('decision_kind', 'in', [...CREATING])
        .where(
          'name_key',
          'in',
          keys.map((row) => row.name_key),
        )
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
