import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../schema.js';

/**
 * A page of the selected companies in review order, each with its contacts' counts, in one
 * statement. The literal `'skip'` lets SQLite use the partial index of selected rows (0015): a
 * bound value would not prove the index's condition. So the OFFSET steps over index entries only
 * (the index covers the page's keys); the names and the counts are read for the page's companies
 * alone, by key and through the contacts' company index (a test checks the plan).
 */
export function selectedCompanySummaries(db: Kysely<Database>, runId: string, offset: number, limit: number) {
  const page = db
    .selectFrom('run_companies')
    .select(['psa_company_id', 'order_key'])
    .where('run_id', '=', runId)
    .where(sql<SqlBool>`decision_kind <> 'skip'`)
    .orderBy('order_key')
    .orderBy('psa_company_id')
    .limit(limit)
    .offset(offset);
  return db
    .with('page', () => page)
    .selectFrom('page as p')
    .innerJoin('run_companies as c', (join) =>
      join.on('c.run_id', '=', runId).onRef('c.psa_company_id', '=', 'p.psa_company_id'),
    )
    .leftJoin('run_contacts as k', (join) =>
      join.on('k.run_id', '=', runId).onRef('k.company_psa_id', '=', 'p.psa_company_id'),
    )
    .select([
      'p.psa_company_id',
      'c.name',
      sql<number>`coalesce(sum(case when k.decision_kind <> 'skip' then 1 else 0 end), 0)`.as('granted'),
      sql<number>`coalesce(sum(k.eligible), 0)`.as('eligible'),
      sql<number>`count(k.psa_contact_id)`.as('total'),
    ])
    .groupBy(['p.psa_company_id', 'c.name', 'p.order_key'])
    .orderBy('p.order_key')
    .orderBy('p.psa_company_id');
}
