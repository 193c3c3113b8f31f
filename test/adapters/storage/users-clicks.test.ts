import { CompiledQuery, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../adapters/storage/migrator.js';
import { creatingTwinNames } from '../../../adapters/storage/repositories/run-name-twins.js';
import { selectedCompanySummaries } from '../../../adapters/storage/repositories/selected-company-summaries.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import type { Intent } from '../../../src/app/intents.js';
import { newCompanyRecord } from '../../../src/app/run-rows.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { mulberry32 } from '../../fixtures/company-names/seeded-random.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { run, seedTenant } from './storage-fixtures.js';

const PAGE = { page: 0, pageSize: 20 };

/** The same-name check recounted over every company row of the run, without run_name_twins. */
async function recountDuplicateCreates(db: TestStorage, runId: string, groups: number) {
  const keys = await sql<{ name_key: string }>`
    select name_key from run_companies
    where run_id = ${runId} and decision_kind in ('create', 'unmap-create') and name_key is not null
    group by name_key having count(*) > 1 and min(decided) = 0
    order by name_key limit ${groups}`.execute(db.db);
  const wanted = keys.rows.map((row) => row.name_key);
  if (wanted.length === 0) return { creates: [], decided: [] };
  const rows = await db.db
    .selectFrom('run_companies')
    .select(['psa_company_id', 'name', 'decision_kind', 'decided'])
    .where('run_id', '=', runId)
    .where('decision_kind', 'in', ['create', 'unmap-create'])
    .where('name_key', 'in', wanted)
    .orderBy('psa_company_id')
    .execute();
  return {
    creates: rows.map((row) => ({
      psaCompanyId: Number(row.psa_company_id),
      name: row.name,
      decision: { kind: row.decision_kind },
    })),
    decided: rows.filter((row) => Number(row.decided) === 1).map((row) => Number(row.psa_company_id)),
  };
}

/** Names two or more company rows of the run share, recounted. */
async function recountTwinNames(db: TestStorage, runId: string): Promise<string[]> {
  const rows = await sql<{ name_key: string }>`
    select name_key from run_companies where run_id = ${runId} and name_key is not null
    group by name_key having count(*) > 1 order by name_key`.execute(db.db);
  return rows.rows.map((row) => row.name_key);
}

async function keptTwinNames(db: TestStorage, runId: string): Promise<string[]> {
  const rows = await db.db
    .selectFrom('run_name_twins')
    .select('name_key')
    .where('run_id', '=', runId)
    .orderBy('name_key')
    .execute();
  return rows.map((row) => row.name_key);
}

describe.each(storageDialects())('users-side clicks on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;
  let runId: string;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { licences: 10_000 });
    // 36 companies over 12 names ("Shop 0" and "Shop 0." are one name), some of them unique.
    h.psa.companies = Array.from({ length: 36 }, (_, i) =>
      company(i + 1, i < 30 ? `Shop ${i % 12}${i % 2 === 0 ? '' : '.'}` : `Unique ${i}`),
    );
    h.psa.contacts = h.psa.companies.flatMap((c) =>
      Array.from({ length: c.psaId % 4 }, (_, j) =>
        contact(c.psaId * 10 + j, c.psaId, j === 2 ? null : `p${j}@c${c.psaId}.test`),
      ),
    );
    expectView(await connect(h), 'connected');
    // Pages of 7 rows: the run is inserted in several statements, twins across them.
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 7 }),
      'review',
    );
    runId = review.run.runId;
  });
  afterEach(async () => db.close());

  it('keeps every shared name of the run as its rows are inserted', async () => {
    const twins = await keptTwinNames(db, runId);
    expect(twins).toHaveLength(12);
    expect(twins).toEqual(await recountTwinNames(db, runId));
  });

  it('finds the same unconfirmed same-name creates as a recount after a random sequence of decisions', async () => {
    const next = mulberry32(8);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const bulk = ['create-all-unmapped', 'reset', 'skip-all'] as const;
    const seen = new Set<number>();
    for (let step = 0; step < 40; step++) {
      const intent: Intent =
        next() < 0.2
          ? { kind: 'bulk-companies', runId, action: pick(bulk), paging: PAGE }
          : {
              kind: 'decide-companies',
              runId,
              decisions: [
                ...new Set(
                  Array.from({ length: 1 + Math.floor(next() * 3) }, () => 1 + Math.floor(next() * 36)),
                ),
              ].map((psaCompanyId) => ({
                psaCompanyId,
                decision: { kind: next() < 0.7 ? 'create' : 'skip' } as const,
              })),
              paging: PAGE,
            };
      const view = await h.bot.handle(h.alice, intent);
      expect({ step, error: view.kind === 'error' ? view : null }).toEqual({ step, error: null });
      for (const groups of [2, 1_000]) {
        const kept = await db.storage.repos.runRows.duplicateCreates(runId, groups);
        expect({ step, groups, kept }).toEqual({
          step,
          groups,
          kept: await recountDuplicateCreates(db, runId, groups),
        });
        for (const entry of kept.creates) seen.add(entry.psaCompanyId);
      }
    }
    // The sequence met conflicts, so the comparisons above were not all of empty answers.
    expect(seen.size).toBeGreaterThan(4);
  });

  it('pages the selected companies with their contacts counted, as a recount gives them', async () => {
    await h.bot.handle(h.alice, {
      kind: 'bulk-companies',
      runId,
      action: 'create-all-unmapped',
      paging: PAGE,
    });
    await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId,
      decisions: [3, 8, 9, 20].map((psaCompanyId) => ({ psaCompanyId, decision: { kind: 'skip' } })),
      paging: PAGE,
    });
    const twins = (await db.storage.repos.runRows.duplicateCreates(runId, 1_000)).creates;
    await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId,
      decisions: twins.map((entry) => ({ psaCompanyId: entry.psaCompanyId, decision: { kind: 'create' } })),
      paging: PAGE,
    });
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
    await h.bot.handle(h.alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: 5,
      action: 'grant-all-eligible',
      contactType: null,
      paging: PAGE,
    });
    const shown = [];
    for (let page = 0; page < 7; page++) {
      const view = expectView(
        await h.bot.handle(h.alice, {
          kind: 'users',
          runId,
          psaCompanyId: null,
          paging: { page, pageSize: 5 },
        }),
        'users',
      );
      shown.push(...view.companies);
    }
    const expected = await sql<Record<string, unknown>>`
      select c.psa_company_id, c.name,
        (select count(*) from run_contacts k where k.run_id = c.run_id and k.company_psa_id = c.psa_company_id and k.decision_kind <> 'skip') as granted,
        (select count(*) from run_contacts k where k.run_id = c.run_id and k.company_psa_id = c.psa_company_id and k.eligible = 1) as eligible,
        (select count(*) from run_contacts k where k.run_id = c.run_id and k.company_psa_id = c.psa_company_id and k.eligible = 0) as ineligible
      from run_companies c where c.run_id = ${runId} and c.decision_kind <> 'skip'
      order by c.order_key, c.psa_company_id`.execute(db.db);
    expect(shown).toEqual(
      expected.rows.map((row) => ({
        psaCompanyId: Number(row.psa_company_id),
        name: row.name,
        granted: Number(row.granted),
        eligible: Number(row.eligible),
        ineligible: Number(row.ineligible),
      })),
    );
    expect(shown.length).toBe(32);
    expect(shown.find((entry) => entry.psaCompanyId === 5)?.granted).toBe(1);
  });

  const planOf = async (query: { compile(): CompiledQuery }): Promise<string> => {
    const compiled = query.compile();
    const plan = await db.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return plan.rows.map((row) => row.detail).join(' | ');
  };

  it.runIf(dialect.name === 'sqlite')(
    "pages the selected companies through their partial index, counting only the page's contacts",
    async () => {
      const plan = await planOf(selectedCompanySummaries(db.db, runId, 100, 20));
      expect(plan).toContain('USING COVERING INDEX run_companies_selected_ix (run_id=?)');
      expect(plan).toContain('USING INDEX run_contacts_company_ix (run_id=? AND company_psa_id=?)');
    },
  );

  it.runIf(dialect.name === 'sqlite')(
    "looks up only the kept names' rows for submit's check, never the run's",
    async () => {
      const plan = await planOf(creatingTwinNames(db.db, runId, 3));
      expect(plan).toMatch(/^SEARCH run_companies USING INDEX \S+ \(run_id=\? AND name_key=\?\)/);
      expect(plan).toContain('run_name_twins');
    },
  );
});

describe.each(storageDialects())('0015 carries existing runs over on $name', (dialect) => {
  let opened: TestStorage | undefined;
  afterEach(async () => {
    await opened?.close();
  });

  it("keeps the names existing runs' rows share", async () => {
    opened = await dialect.open({ migrate: false });
    const before = Object.fromEntries(
      Object.entries(MIGRATIONS).filter(([name]) => name < '0015-users-clicks'),
    );
    await migrateToLatest(opened.db, before);
    const { repos } = opened.storage;
    await seedTenant(repos);
    await repos.runs.insert(run({ id: 'run-old' }));
    const row = (psaId: number, name: string) =>
      newCompanyRecord(
        {
          company: company(psaId, name),
          status: 'unmapped',
          mappedTo: null,
          candidates: [],
          lastImportedAt: null,
        },
        String(psaId).padStart(4, '0'),
      );
    await repos.runRows.insertCompanies('run-old', [
      row(1, 'Gamma Co'),
      row(2, 'Zeta'),
      row(3, 'Gamma Co.'),
      row(4, 'Alpha'),
    ]);
    expect(await migrateToLatest(opened.db, MIGRATIONS)).toContain('0015-users-clicks');
    const twins = await opened.db.selectFrom('run_name_twins').selectAll().execute();
    expect(twins).toEqual([{ run_id: 'run-old', name_key: expect.any(String) }]);
    // Rows inserted afterwards are kept by the triggers: Alpha now has a twin.
    await repos.runRows.insertCompanies('run-old', [row(5, 'alpha')]);
    expect((await opened.db.selectFrom('run_name_twins').selectAll().execute()).length).toBe(2);
    const { creates } = await repos.runRows.duplicateCreates('run-old', 10);
    expect(creates.map((entry) => entry.psaCompanyId)).toEqual([1, 3, 4, 5]);
  });
});
