import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Intent } from '../../../src/app/intents.js';
import type { ReviewView, View } from '../../../src/app/views.js';
import { company } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

// One row a page: the twins land on different review pages.
const ONE = { page: 0, pageSize: 1 };

describe.each(storageDialects())('PSA companies of the same name in one import on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;
  let runId: string;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { licences: 100 });
    h.psa.companies = [
      company(1, 'Gamma Co'),
      company(2, 'Zeta Works'),
      company(3, 'Gamma Co.'),
      company(4, 'Alpha Dental'),
    ];
    expectView(await connect(h), 'connected');
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 1 }),
      'review',
    );
    runId = review.run.runId;
  });
  afterEach(async () => db.close());

  const allRows = async () => {
    const rows: ReviewView['rows'][number][] = [];
    for (let page = 0; page < 4; page += 1) {
      const view = expectView(
        await h.bot.handle(h.alice, { kind: 'review', runId, paging: { ...ONE, page } }),
        'review',
      );
      rows.push(...view.rows);
    }
    return new Map(rows.map((row) => [row.psaCompanyId, row]));
  };
  const send = (intent: Intent): Promise<View> => h.bot.handle(h.alice, intent);
  const decide = (psaCompanyId: number, kind: 'create' | 'skip') =>
    send({ kind: 'decide-companies', runId, decisions: [{ psaCompanyId, decision: { kind } }], paging: ONE });

  it('flags each twin to the other by PSA id, on whichever page it is, and only the first defaults to Create', async () => {
    const rows = await allRows();
    expect(rows.get(1)?.twinNote).toBe('same name as PSA company 3 "Gamma Co." in this import');
    expect(rows.get(3)?.twinNote).toBe('same name as PSA company 1 "Gamma Co" in this import');
    expect(rows.get(2)?.twinNote).toBeUndefined();
    expect(rows.get(4)?.twinNote).toBeUndefined();
    expect(rows.get(1)?.decision).toEqual({ kind: 'create' });
    expect(rows.get(3)?.decision).toEqual({ kind: 'skip' });
  });

  it('submits the defaults: one twin created, the other left out', async () => {
    expect((await send({ kind: 'submit', runId })).kind).not.toBe('error');
  });

  it('refuses two creates of one name until the admin chose Create on each twin', async () => {
    expect((await decide(3, 'create')).kind).not.toBe('error');
    const refused = expectView(await send({ kind: 'submit', runId }), 'error');
    expect(refused.code).toBe('duplicate_creates');
    expect(refused.details.hint).toContain('"Gamma Co" (PSA company 1)');
    expect(refused.details.hint).toContain('"Gamma Co." (PSA company 3)');
    // Choosing Create on the row that already defaulted to it is the explicit confirmation.
    expect((await decide(1, 'create')).kind).not.toBe('error');
    expect((await send({ kind: 'submit', runId })).kind).not.toBe('error');
  });

  it('does not take a bulk "create all" as the decision, and reset clears the confirmations', async () => {
    await decide(1, 'create');
    await send({ kind: 'bulk-companies', runId, action: 'create-all-unmapped', paging: ONE });
    expect(expectView(await send({ kind: 'submit', runId }), 'error').code).toBe('duplicate_creates');
    await decide(3, 'create');
    await send({ kind: 'bulk-companies', runId, action: 'reset', paging: ONE });
    await send({ kind: 'bulk-companies', runId, action: 'create-all-unmapped', paging: ONE });
    expect(expectView(await send({ kind: 'submit', runId }), 'error').code).toBe('duplicate_creates');
  });

  it('finds the same-name creates with one grouped query and names only them', async () => {
    await send({ kind: 'bulk-companies', runId, action: 'create-all-unmapped', paging: ONE });
    const found = await db.storage.repos.runRows.duplicateCreates(runId, 3);
    expect(found.creates.map((entry) => entry.psaCompanyId)).toEqual([1, 3]);
    expect(found.decided).toEqual([]);
    await decide(1, 'create');
    await decide(3, 'create');
    expect(await db.storage.repos.runRows.duplicateCreates(runId, 3)).toEqual({ creates: [], decided: [] });
  });
});
