import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedStorage, openStorage } from '../../../adapters/storage/open-storage.js';
import type { Intent } from '../../../src/app/intents.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';

/**
 * A click must not pay for compiling its SQL again: the users overview's statement (a CTE with a
 * join and three counts, past the length that makes a statement "big") is kept once it comes back.
 */
describe('the statements of repeated clicks stay compiled on SQLite', () => {
  let dir: string;
  let opened: OpenedStorage;
  let h: CoreHarness;
  let runId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psa-click-statements-'));
    opened = await openStorage(join(dir, 'clicks.db'), { migrate: true });
    h = await coreHarness(opened, { licences: 10_000 });
    h.psa.companies = Array.from({ length: 60 }, (_, i) => company(i + 1, `Company ${i + 1}`));
    h.psa.contacts = h.psa.companies.flatMap((c) =>
      Array.from({ length: 3 }, (_, j) => contact(c.psaId * 10 + j, c.psaId, `p${j}@c${c.psaId}.test`)),
    );
    expectView(await connect(h), 'connected');
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 10 }),
      'review',
    );
    runId = review.run.runId;
    await h.bot.handle(h.alice, {
      kind: 'bulk-companies',
      runId,
      action: 'create-all-unmapped',
      paging: { page: 0, pageSize: 10 },
    });
    expectView(
      await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: { page: 0, pageSize: 10 } }),
      'users',
    );
  });
  afterEach(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Statements compiled by clicks 3 to 6 of `click`, after two clicks to warm the cache. */
  async function compiledByLaterClicks(click: (page: number) => Intent): Promise<number> {
    for (let page = 0; page < 2; page++) await h.bot.handle(h.alice, click(page));
    const before = opened.workerActivity()?.prepares ?? 0;
    for (let page = 2; page < 6; page++) await h.bot.handle(h.alice, click(page));
    return (opened.workerActivity()?.prepares ?? 0) - before;
  }

  it("compiles nothing for the users overview's later pages", async () => {
    const compiled = await compiledByLaterClicks((page) => ({
      kind: 'users',
      runId,
      psaCompanyId: null,
      paging: { page, pageSize: 5 },
    }));
    expect(compiled).toBe(0);
  });

  it('compiles nothing for a review page or the approval shown again', async () => {
    expect(
      await compiledByLaterClicks((page) => ({ kind: 'review', runId, paging: { page, pageSize: 5 } })),
    ).toBe(0);
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    expect(
      await compiledByLaterClicks((page) => ({ kind: 'show-run', runId, paging: { page, pageSize: 5 } })),
    ).toBe(0);
  });
});
