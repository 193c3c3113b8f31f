import type { Kysely } from 'kysely';
import { preselectedCandidate } from '../../../src/domain/company-decisions.js';
import type { CompanyBulkAction, CompanyDecision } from '../../../src/domain/decisions.js';
import type { ImportTwins } from '../../../src/domain/import-duplicates.js';
import { normaliseCompanyName } from '../../../src/domain/name-matching.js';
import type { MissingRow } from '../../../src/domain/review.js';
import type { CompanyRecord, RowPosition } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database, RunCompanyTable } from '../schema.js';
import {
  candidatesSchema,
  companyDecisionColumns,
  companyDecisionOf,
  companyStatusSchema,
  storedJson,
  stringList,
} from './row-schemas.js';
import { bulkCompanyDecision } from './run-company-bulk.js';

type Stored = CompanyRecord & { readonly orderKey: string };

function toRow(runId: string, record: Stored): RunCompanyTable {
  const { row } = record;
  const current = companyDecisionColumns(record.decision);
  const fallback = companyDecisionColumns(record.defaultDecision);
  return {
    run_id: runId,
    psa_company_id: row.company.psaId,
    order_key: record.orderKey,
    name: row.company.name,
    name_cut: row.company.nameCut ? 1 : 0,
    type_names: JSON.stringify(row.company.typeNames),
    status_name: row.company.statusName,
    active: row.company.active ? 1 : 0,
    psa_updated_at: row.company.updatedAt,
    status: row.status,
    mapped_id: row.mappedTo?.id ?? null,
    mapped_name: row.mappedTo?.name ?? null,
    candidates: JSON.stringify(row.candidates),
    // Only a candidate the review would pre-select: bulk mapping never maps a similar-name match.
    single_candidate: preselectedCandidate(row)?.companyId ?? null,
    last_imported_at: row.lastImportedAt,
    default_kind: fallback.kind,
    default_target: fallback.target,
    decision_kind: current.kind,
    decision_target: current.target,
    left_out_before: row.leftOutLastTime === true ? 1 : 0,
    name_key: normaliseCompanyName(row.company.name).key || null,
    decided: 0,
  };
}

const companyRecord = (row: RunCompanyTable): string =>
  `import ${row.run_id}, PSA company ${row.psa_company_id}`;

function fromRow(row: RunCompanyTable): Stored {
  return {
    orderKey: row.order_key,
    row: {
      company: {
        psaId: Number(row.psa_company_id),
        name: row.name,
        nameCut: Number(row.name_cut) === 1,
        typeNames: storedJson(stringList, row.type_names, companyRecord(row), 'type_names'),
        statusName: row.status_name,
        active: Number(row.active) === 1,
        updatedAt: row.psa_updated_at,
      },
      status: companyStatusSchema.parse(row.status),
      mappedTo: row.mapped_id === null ? null : { id: row.mapped_id, name: row.mapped_name ?? row.mapped_id },
      candidates: storedJson(candidatesSchema, row.candidates, companyRecord(row), 'candidates'),
      lastImportedAt: row.last_imported_at,
      leftOutLastTime: Number(row.left_out_before) === 1,
    },
    defaultDecision: companyDecisionOf(row.default_kind, row.default_target),
    decision: companyDecisionOf(row.decision_kind, row.decision_target),
  };
}

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
