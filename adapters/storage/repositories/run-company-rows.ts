import type { Kysely } from 'kysely';
import type { CompanyBulkAction, CompanyDecision } from '../../../src/domain/decisions.js';
import type { ImportTwins } from '../../../src/domain/import-duplicates.js';
import type { MissingRow } from '../../../src/domain/review.js';
import type { RowPosition } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { companyDecisionColumns } from './row-schemas.js';
import { bulkCompanyDecision } from './run-company-bulk.js';
import { fromRow, type Stored, toRow } from './run-company-row-mapping.js';

const COLUMNS = 22;

/** The company rows of runs ("Companies in PSA") and the "not in PSA" rows. */
export function runCompanyRows(db: Kysely<Database>, traits: DialectTraits) {
  const ofRun = (runId: string) => db.selectFrom('run_companies').where('run_id', '=', runId);
  return {
    async insertCompanies(runId: string, records: readonly Stored[]): Promise<void> {
      for (const chunk of chunkForParameters(records, COLUMNS, traits)) {
        await db
          .insertInto('run_companies')
          .values(chunk.map((record) => toRow(runId, record)))
          .execute();
      }
    },

    async insertMissing(runId: string, rows: readonly MissingRow[]): Promise<void> {
      const values = rows.map((row, index) => ({
        run_id: runId,
        psa_company_id: row.psaCompanyId,
        order_key: String(index).padStart(10, '0'),
        managed_company_id: row.managedCompanyId,
        managed_company_name: row.managedCompanyName,
        last_imported_at: row.lastImportedAt,
        cause: row.cause,
        reason: row.reason,
      }));
      for (const chunk of chunkForParameters(values, 8, traits)) {
        await db.insertInto('run_missing').values(chunk).execute();
      }
    },

    async companyPage(runId: string, offset: number, limit: number) {
      const rows = await ofRun(runId)
        .selectAll()
        .orderBy('order_key')
        .orderBy('psa_company_id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    async leftOutByLastImport(integrationId: string): Promise<number[]> {
      const last = await db
        .selectFrom('import_runs')
        .select('id')
        .where('integration_id', '=', integrationId)
        .where('status', '=', 'applied')
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (last === undefined) return [];
      const rows = await ofRun(last.id)
        .select('psa_company_id')
        .where('decision_kind', '=', 'skip')
        .execute();
      return rows.map((row) => Number(row.psa_company_id));
    },

    async companiesById(runId: string, ids: readonly number[]) {
      if (ids.length === 0) return [];
      const rows = await ofRun(runId)
        .selectAll()
        .where('psa_company_id', 'in', [...ids])
        .execute();
      return rows.map(fromRow);
    },

    async companiesAfter(runId: string, after: RowPosition | null, limit: number) {
      let query = ofRun(runId).selectAll();
      if (after !== null) {
        // A row-value comparison, so both dialects walk the order index from the last row.
        query = query.where((eb) =>
          eb(eb.refTuple('order_key', 'psa_company_id'), '>', eb.tuple(after.orderKey, after.psaId)),
        );
      }
      const rows = await query.orderBy('order_key').orderBy('psa_company_id').limit(limit).execute();
      return rows.map(fromRow);
    },

    async missing(runId: string): Promise<MissingRow[]> {
      const rows = await db
        .selectFrom('run_missing')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('order_key')
        .execute();
      return rows.map((row) => ({
        psaCompanyId: Number(row.psa_company_id),
        managedCompanyId: row.managed_company_id,
        managedCompanyName: row.managed_company_name,
        lastImportedAt: row.last_imported_at,
        cause: row.cause === 'filtered-out' || row.cause === 'deleted' ? row.cause : 'not-found',
        reason: row.reason,
      }));
    },

    async setCompanyDecision(runId: string, psaCompanyId: number, decision: CompanyDecision): Promise<void> {
      const columns = companyDecisionColumns(decision);
      await db
        .updateTable('run_companies')
        // Set by the admin on this row: an explicit decision, even when it equals the default.
        .set({ decision_kind: columns.kind, decision_target: columns.target, decided: 1 })
        .where('run_id', '=', runId)
        .where('psa_company_id', '=', psaCompanyId)
        .execute();
    },

    async twinsOf(runId: string, psaCompanyIds: readonly number[]): Promise<ImportTwins[]> {
      if (psaCompanyIds.length === 0) return [];
      // The page's keys by primary key. No `name_key is not null` here: SQLite took that as a
      // range on the (run_id, name_key) index and walked every named row of the run; a null key
      // matches nothing in the `in` below anyway.
      const keys = ofRun(runId)
        .select('name_key')
        .where('psa_company_id', 'in', [...psaCompanyIds]);
      // One lookup on (run_id, name_key) for the whole page, whichever page the twins landed on.
      const rows = await ofRun(runId)
        .select(['psa_company_id', 'name', 'name_key'])
        .where('name_key', 'in', keys)
        .orderBy('name_key')
        .orderBy('psa_company_id')
        .execute();
      const byKey = new Map<string, { psaId: number; name: string }[]>();
      for (const row of rows) {
        if (row.name_key === null) continue;
        const group = byKey.get(row.name_key) ?? [];
        if (group.length === 0) byKey.set(row.name_key, group);
        group.push({ psaId: Number(row.psa_company_id), name: row.name });
      }
      return [...byKey]
        .filter(([, companies]) => companies.length > 1)
        .map(([key, companies]) => ({ key, companies }));
    },

    bulkCompanies: (runId: string, action: CompanyBulkAction): Promise<number> =>
      bulkCompanyDecision(db, runId, action),
  };
}
