import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CoreHarness, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

/** `/psa companies <query> [page n]`: the matches are counted and paged, apart from the tenant total. */
describe.each(storageDialects())('managed companies paging on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    const names = [
      ...Array.from({ length: 120 }, (_, i) => `Acme ${String(i).padStart(3, '0')}`),
      ...Array.from({ length: 30 }, (_, i) => `Globex ${i}`),
    ];
    h = await coreHarness(db, { managedCompanies: names });
  });
  afterEach(async () => db.close());

  it('counts the matches, not the tenant, and pages through them', async () => {
    const first = expectView(
      await h.bot.handle(h.alice, { kind: 'companies-list', query: 'acme' }),
      'companies',
    );
    expect(first.total).toBe(150);
    expect(first.paging).toEqual({ page: 0, pageSize: 50, totalItems: 120, totalPages: 3 });
    expect(first.companies[0]?.name).toBe('Acme 000');
    const last = expectView(
      await h.bot.handle(h.alice, { kind: 'companies-list', query: 'ACME', page: 2 }),
      'companies',
    );
    expect(last.companies.map((c) => c.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Acme ${String(100 + i).padStart(3, '0')}`),
    );
    // A page past the end shows the last one, so an old "more" still works.
    const past = expectView(
      await h.bot.handle(h.alice, { kind: 'companies-list', query: 'acme', page: 9 }),
      'companies',
    );
    expect(past.paging.page).toBe(2);
    const everyone = expectView(
      await h.bot.handle(h.alice, { kind: 'companies-list', query: '' }),
      'companies',
    );
    expect(everyone.paging.totalItems).toBe(150);
  });
});
