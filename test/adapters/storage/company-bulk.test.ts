import { CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialectTraits } from '../../../adapters/storage/dialect-traits.js';
import { runCompanyRows } from '../../../adapters/storage/repositories/run-company-rows.js';
import type { CompanyDecisionItem } from '../../../src/app/intents.js';
import { allowedCompanyDecisions } from '../../../src/domain/company-decisions.js';
import type { CompanyBulkAction, CompanyDecision } from '../../../src/domain/decisions.js';
import { company } from '../../fakes/fake-psa-gateway.js';
import { mulberry32 } from '../../fixtures/company-names/seeded-random.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 20 };
const BULKS: readonly CompanyBulkAction[] = [
  'create-all-unmapped',
  'map-all-single-candidates',
  'skip-all',
  'reset',
];

interface Row {
  readonly id: number;
  readonly status: string;
  readonly kind: string;
  readonly target: string | null;
  readonly defaultKind: string;
  readonly defaultTarget: string | null;
  readonly single: string | null;
  readonly decided: number;
}

async function rowsOf(db: TestStorage, runId: string): Promise<Row[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select psa_company_id, status, decision_kind, decision_target, default_kind, default_target,
      single_candidate, decided
    from run_companies where run_id = ${runId} order by psa_company_id`.execute(db.db);
  const text = (value: unknown): string | null => (value === null ? null : String(value));
  return rows.map((row) => ({
    id: Number(row.psa_company_id),
    status: String(row.status),
    kind: String(row.decision_kind),
    target: text(row.decision_target),
    defaultKind: String(row.default_kind),
    defaultTarget: text(row.default_target),
    single: text(row.single_candidate),
    decided: Number(row.decided),
  }));
}

/** Every company counter of `run_counts`, recounted here in TypeScript from the rows. */
function recount(rows: readonly Row[]): Record<string, number> {
  const count = (test: (row: Row) => boolean): number => rows.filter(test).length;
  const offDefault = (r: Row) => r.kind !== r.defaultKind || (r.target ?? '') !== (r.defaultTarget ?? '');
  return {
    companies_total: rows.length,
    companies_mapped: count((r) => r.status === 'mapped'),
    companies_unmapped: count((r) => r.status === 'unmapped'),
    companies_duplicates: count((r) => r.status === 'potential-duplicate'),
    companies_create: count((r) => r.kind === 'create'),
    companies_map: count((r) => r.kind === 'map'),
    companies_unmap: count((r) => r.kind === 'unmap-create'),
    companies_keep: count((r) => r.kind === 'keep'),
    companies_skip: count((r) => r.kind === 'skip'),
    companies_offer_create: count((r) => r.status === 'unmapped' && r.kind !== 'create'),
    companies_offer_map: count(
      (r) =>
        r.status === 'potential-duplicate' &&
        r.single !== null &&
        !(r.kind === 'map' && r.target === r.single),
    ),
    companies_offer_reset: count(offDefault),
  };
}

async function kept(db: TestStorage, runId: string): Promise<Record<string, number>> {
  const row = await db.db.selectFrom('run_counts').selectAll().where('run_id', '=', runId).executeTakeFirst();
  return Object.fromEntries(
    Object.entries(row ?? {})
      .filter(([column]) => column.startsWith('companies_'))
      .map(([column, value]) => [column, Number(value)]),
  );
}

/** What a bulk must leave: each row as the action says, every other row untouched. */
function expectedAfter(action: CompanyBulkAction, before: readonly Row[]): Row[] {
  return before.map((row) => {
    switch (action) {
      case 'reset':
        return { ...row, kind: row.defaultKind, target: row.defaultTarget, decided: 0 };
      case 'skip-all':
        return { ...row, kind: 'skip', target: null };
      case 'create-all-unmapped':
        return row.status === 'unmapped' ? { ...row, kind: 'create', target: null } : row;
      case 'map-all-single-candidates':
        return row.status === 'potential-duplicate' && row.single !== null
          ? { ...row, kind: 'map', target: row.single }
          : row;
    }
    return row;
  });
}

/** A seeded generator (the fixtures' mulberry32), so a failing sequence can be replayed. */
function seeded(seed: number): (below: number) => number {
  const rng = mulberry32(seed);
  return (below) => Math.floor(rng() * below);
}

async function importRun(h: CoreHarness): Promise<string> {
  const review = expectView(
    await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
    'review',
  );
  return review.run.runId;
}

describe.each(storageDialects())('company bulk decisions on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    // Same names (one candidate, pre-selected), a name with two managed twins (no single
    // candidate), near names, and two PSA companies of one name: every status and kind of row.
    h = await coreHarness(db, {
      managedCompanies: [
        ...Array.from({ length: 8 }, (_, i) => `Company ${i + 1}`),
        'Company 9 Inc',
        'COMPANY 9, Inc.',
        'Northwind Tradrs',
      ],
    });
    h.psa.companies = [
      ...Array.from({ length: 24 }, (_, i) => company(i + 1, `Company ${i + 1}`)),
      company(25, 'Northwind Traders'),
      company(26, 'Twin Co'),
      company(27, 'Twin Co.'),
    ];
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  it('keeps every company count equal to a recount through random single, batch and bulk decisions', async () => {
    const runId = await importRun(h);
    const pick = seeded(8);
    const statuses = new Set((await rowsOf(db, runId)).map((row) => row.status));
    expect([...statuses].sort()).toEqual(['potential-duplicate', 'unmapped']);
    expect(await kept(db, runId)).toEqual(recount(await rowsOf(db, runId)));

    const decisionFor = async (psaCompanyId: number): Promise<CompanyDecision> => {
      const [record] = await db.storage.repos.runRows.companiesById(runId, [psaCompanyId]);
      if (record === undefined) throw new Error(`no row ${psaCompanyId}`);
      const kinds = allowedCompanyDecisions(record.row).filter(
        (kind) => kind !== 'map' || record.row.candidates.length > 0,
      );
      const kind = kinds[pick(kinds.length)] ?? 'skip';
      if (kind !== 'map') return { kind } as CompanyDecision;
      const candidate = record.row.candidates[pick(record.row.candidates.length)];
      return { kind: 'map', companyId: candidate?.companyId ?? '' };
    };

    for (let step = 0; step < 60; step++) {
      const before = await rowsOf(db, runId);
      const roll = pick(10);
      if (roll < 4) {
        const action = BULKS[pick(BULKS.length)] ?? 'reset';
        const changed = await db.storage.repos.runRows.bulkCompanies(runId, action);
        const after = await rowsOf(db, runId);
        expect({ step, action, rows: after }).toEqual({
          step,
          action,
          rows: expectedAfter(action, before),
        });
        const moved = after.filter(
          (row, i) => row.kind !== before[i]?.kind || row.target !== before[i]?.target,
        ).length;
        const matched = before.filter((row) => row.status === 'potential-duplicate' && row.single !== null);
        expect({ step, action, changed }).toEqual({
          step,
          action,
          changed: action === 'map-all-single-candidates' ? matched.length : moved,
        });
      } else {
        const size = roll < 7 ? 1 : 2 + pick(4);
        const ids = [...new Set(Array.from({ length: size }, () => 1 + pick(27)))];
        const decisions: CompanyDecisionItem[] = [];
        for (const psaCompanyId of ids)
          decisions.push({ psaCompanyId, decision: await decisionFor(psaCompanyId) });
        const view = await h.bot.handle(h.alice, {
          kind: 'decide-companies',
          runId,
          decisions,
          paging: PAGE,
        });
        expect({ step, view: view.kind }).toEqual({ step, view: 'review' });
        const after = await rowsOf(db, runId);
        for (const { psaCompanyId } of decisions) {
          expect(after.find((row) => row.id === psaCompanyId)?.decided).toBe(1);
        }
      }
      expect({ step, counts: await kept(db, runId) }).toEqual({
        step,
        counts: recount(await rowsOf(db, runId)),
      });
    }
  });

  it('shows the same twins on a review page after the lookup by primary key', async () => {
    const runId = await importRun(h);
    const twins = await db.storage.repos.runRows.twinsOf(runId, [26, 1]);
    expect(twins.map((group) => group.companies.map((c) => c.psaId))).toEqual([[26, 27]]);
    expect(await db.storage.repos.runRows.twinsOf(runId, [1, 2])).toEqual([]);
  });

  it('finds the rows of each bulk and of the twins lookup through an index, not a walk of the run', async () => {
    const runId = await importRun(h);
    // Enough rows that SQLite's planner chooses as it does on a real import.
    const [model] = await db.storage.repos.runRows.companiesById(runId, [1]);
    if (model === undefined) throw new Error('no row 1');
    await db.storage.repos.runRows.insertCompanies(
      runId,
      Array.from({ length: 3_000 }, (_, i) => ({
        ...model,
        row: { ...model.row, company: { ...model.row.company, psaId: 1_000 + i, name: `Filler ${i}` } },
        orderKey: `z${String(i).padStart(6, '0')}`,
      })),
    );
    const seen: CompiledQuery[] = [];
    const capture: KyselyPlugin = {
      transformQuery: (args) => {
        seen.push(db.db.getExecutor().compileQuery(args.node, args.queryId));
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const rows = runCompanyRows(db.db.withPlugin(capture), dialectTraits(db.dialect));
    const plans = new Map<string, string>();
    const planOf = async (query: CompiledQuery): Promise<string> =>
      db.db.transaction().execute(async (trx) => {
        // PostgreSQL would scan a table this small whatever its indexes; ask whether it can seek.
        if (db.dialect === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
        const explain = db.dialect === 'postgres' ? 'explain ' : 'explain query plan ';
        const result = await trx.executeQuery<Record<string, unknown>>(
          CompiledQuery.raw(`${explain}${query.sql}`, [...query.parameters]),
        );
        return result.rows.map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n');
      });
    const last = async (name: string, run: () => Promise<unknown>): Promise<void> => {
      seen.length = 0;
      await run();
      const statement = seen.find((query) => /^(update|select "psa_company_id", "name")/.test(query.sql));
      if (statement === undefined) throw new Error(`no statement for ${name}`);
      plans.set(name, await planOf(statement));
    };
    for (const action of BULKS) await last(action, () => rows.bulkCompanies(runId, action));
    await last('twins', () =>
      rows.twinsOf(
        runId,
        Array.from({ length: 20 }, (_, i) => i + 1),
      ),
    );
    const sqlite = db.dialect === 'sqlite';
    const byKind = sqlite
      ? /status_kind_ix \(run_id=\? AND status=\? AND decision_kind=\?\)/
      : /status_kind_ix/;
    expect(Object.fromEntries(plans)).toEqual({
      'create-all-unmapped': expect.stringMatching(byKind),
      // PostgreSQL may instead seek 0015's partial index of the rows not skipped: the same rows.
      'skip-all': expect.stringMatching(sqlite ? byKind : /status_kind_ix|run_companies_selected_ix/),
      'map-all-single-candidates': expect.stringMatching(
        sqlite ? /status_kind_ix \(run_id=\? AND status=\?\)/ : /status_kind_ix/,
      ),
      reset: expect.stringMatching(/run_companies_off_default_ix/),
      // PostgreSQL plans by its statistics, which a test table cannot stand for.
      twins: sqlite ? expect.stringMatching(/\(run_id=\? AND psa_company_id=\?\)/) : expect.any(String),
    });
    if (sqlite) expect(plans.get('twins')).not.toMatch(/name_key>/);
  });
});
