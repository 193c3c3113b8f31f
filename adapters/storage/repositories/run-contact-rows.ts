import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type {
  ContactScope,
  Ineligibility,
  UserBulkAction,
  UserDecision,
} from '../../../src/domain/decisions.js';
import type { CompanyContactSummary, ContactTotals, RowPosition } from '../../../src/ports/storage.js';
import { chunkForParameters, type DialectTraits } from '../dialect-traits.js';
import type { Database } from '../schema.js';
import { storedJson, stringList, userDecisionColumns } from './row-schemas.js';
import { fromRow, type Stored, toRow, typeWord } from './run-contact-row-mapping.js';
import { selectedCompanySummaries } from './selected-company-summaries.js';

const COLUMNS = 24;
const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const n = (value: unknown): number => Number(value ?? 0);
const DIFFERS_FROM_DEFAULT = sql.raw(
  "(decision_kind <> default_kind or coalesce(decision_target, '') <> coalesce(default_target, ''))",
);

/** The scope as one condition, so a page, a count and a bulk UPDATE filter alike (and use the indexes). */
function inScope(scope: ContactScope): RawBuilder<SqlBool> {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (scope.psaCompanyId !== null) conditions.push(sql<SqlBool>`company_psa_id = ${scope.psaCompanyId}`);
  if (scope.contactType !== null) {
    const pattern = `%|${likeEscaped(typeWord(scope.contactType))}|%`;
    conditions.push(sql<SqlBool>`type_key like ${pattern} escape '\\'`);
  }
  return conditions.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** The contact rows of runs: assessed, decided, paged and counted in the database. */
export function runContactRows(db: Kysely<Database>, traits: DialectTraits) {
  const ofRun = (runId: string) => db.selectFrom('run_contacts').where('run_id', '=', runId);
  return {
    async insertContacts(runId: string, records: readonly Stored[]): Promise<void> {
      for (const chunk of chunkForParameters(records, COLUMNS, traits)) {
        await db
          .insertInto('run_contacts')
          .values(chunk.map((record) => toRow(runId, record)))
          .execute();
      }
    },

    async deleteContacts(runId: string): Promise<void> {
      await db.deleteFrom('run_contacts').where('run_id', '=', runId).execute();
    },

    async contactPage(runId: string, scope: ContactScope, offset: number, limit: number) {
      const rows = await ofRun(runId)
        .selectAll()
        .where(inScope(scope))
        .orderBy('order_key')
        .orderBy('psa_contact_id')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    async contactsById(runId: string, ids: readonly number[]) {
      if (ids.length === 0) return [];
      const rows = await ofRun(runId)
        .selectAll()
        .where('psa_contact_id', 'in', [...ids])
        .execute();
      return rows.map(fromRow);
    },

    async contactsAfter(runId: string, after: RowPosition | null, limit: number) {
      let query = ofRun(runId).selectAll();
      if (after !== null) {
        query = query.where((eb) =>
          eb(eb.refTuple('order_key', 'psa_contact_id'), '>', eb.tuple(after.orderKey, after.psaId)),
        );
      }
      const rows = await query.orderBy('order_key').orderBy('psa_contact_id').limit(limit).execute();
      return rows.map(fromRow);
    },

    async contactTotals(runId: string, scope: ContactScope): Promise<ContactTotals> {
      const sum = (condition: string) =>
        sql<number>`coalesce(sum(case when ${sql.raw(condition)} then 1 else 0 end), 0)`;
      const row = await ofRun(runId)
        .where(inScope(scope))
        .select([
          sql<number>`count(*)`.as('total'),
          sum('eligible = 0').as('ineligible'),
          sum("eligible = 1 and decision_kind = 'skip'").as('skip'),
          sum("eligible = 1 and decision_kind = 'map'").as('map'),
          sum("eligible = 1 and decision_kind = 'grant' and linked_user_id is not null").as('keep'),
          sum(
            "eligible = 1 and ((decision_kind = 'grant' and linked_user_id is null) or decision_kind = 'unmap-create')",
          ).as('grant'),
          sum("decision_kind <> 'skip'").as('not_skipped'),
          sql<number>`coalesce(sum(case when ${DIFFERS_FROM_DEFAULT} then 1 else 0 end), 0)`.as('reset'),
        ])
        .executeTakeFirstOrThrow();
      return {
        total: n(row.total),
        counts: {
          usersGrant: n(row.grant),
          usersKeep: n(row.keep),
          usersMap: n(row.map),
          usersSkip: n(row.skip),
          usersIneligible: n(row.ineligible),
        },
        offers: { 'grant-all-eligible': n(row.skip), 'skip-all': n(row.not_skipped), reset: n(row.reset) },
      };
    },

    async selectedCompanySummaries(
      runId: string,
      offset: number,
      limit: number,
    ): Promise<CompanyContactSummary[]> {
      const rows = await selectedCompanySummaries(db, runId, offset, limit).execute();
      return rows.map((row) => ({
        psaCompanyId: Number(row.psa_company_id),
        name: row.name,
        granted: n(row.granted),
        eligible: n(row.eligible),
        ineligible: n(row.total) - n(row.eligible),
      }));
    },

    async contactTypesOf(runId: string, psaCompanyId: number): Promise<string[]> {
      const rows = await ofRun(runId)
        .where('company_psa_id', '=', psaCompanyId)
        .select('type_names')
        .distinct()
        .execute();
      const types = new Set(
        rows.flatMap((row) => storedJson(stringList, row.type_names, `import ${runId}`, 'type_names')),
      );
      return [...types].sort();
    },

    async setUserDecision(runId: string, psaContactId: number, decision: UserDecision): Promise<void> {
      const columns = userDecisionColumns(decision);
      await db
        .updateTable('run_contacts')
        .set({ decision_kind: columns.kind, decision_target: columns.target })
        .where('run_id', '=', runId)
        .where('psa_contact_id', '=', psaContactId)
        .execute();
    },

    /**
     * One UPDATE, whole run or one company. It used to go in key ranges with the event loop
     * yielded between them, when better-sqlite3 ran on the event loop; SQLite now runs in its own
     * worker thread, so the event loop is free while a statement runs, and the ranges bought no one
     * else a turn: the decision's transaction holds the only SQLite connection until its commit
     * either way (on PostgreSQL, its row locks). They only added a probe per range and, on
     * PostgreSQL, a run of the count trigger per range.
     */
    async bulkUsers(runId: string, scope: ContactScope, action: UserBulkAction): Promise<number> {
      const update = db.updateTable('run_contacts').where('run_id', '=', runId).where(inScope(scope));
      const statement = () => {
        switch (action) {
          case 'reset':
            return update
              .set((eb) => ({
                decision_kind: eb.ref('default_kind'),
                decision_target: eb.ref('default_target'),
              }))
              .where(sql<boolean>`${DIFFERS_FROM_DEFAULT}`);
          case 'skip-all':
            return update
              .set({ decision_kind: 'skip', decision_target: null })
              .where('decision_kind', '<>', 'skip');
          case 'grant-all-eligible':
            // A user of the company with the same email is mapped to, never created twice.
            return update
              .set((eb) => ({
                decision_kind: eb
                  .case()
                  .when('same_email_user_id', 'is not', null)
                  .then('map')
                  .else('grant')
                  .end(),
                decision_target: eb.ref('same_email_user_id'),
              }))
              .where('eligible', '=', 1)
              .where('decision_kind', '=', 'skip');
        }
      };
      const result = await statement().executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async markIneligible(
      runId: string,
      ids: readonly number[],
      ineligible: Ineligibility | null,
    ): Promise<void> {
      for (const chunk of chunkForParameters(ids, 1, traits, 16)) {
        await db
          .updateTable('run_contacts')
          .set({
            ineligible: ineligible === null ? null : JSON.stringify(ineligible),
            eligible: ineligible === null ? 1 : 0,
            default_kind: 'skip',
            default_target: null,
            decision_kind: 'skip',
            decision_target: null,
          })
          .where('run_id', '=', runId)
          .where('psa_contact_id', 'in', chunk)
          .execute();
      }
    },
  };
}
