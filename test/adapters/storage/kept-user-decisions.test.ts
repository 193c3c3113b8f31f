import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../../adapters/storage/migrator.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { newContactRecord } from '../../../src/app/run-rows.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import type { Repositories, Storage } from '../../../src/ports/storage.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';
import { run, seedTenant } from './storage-fixtures.js';

const PAGE = { page: 0, pageSize: 20 };

/** A contact row of `run-1` whose admin decision is `decision` (its default is skip, or map to u-9 for 4). */
function record(psaId: number, decision: UserDecision | null) {
  const sameEmailUser = psaId === 4 ? { id: 'u-9', email: `c${psaId}@example.test` } : null;
  const base = newContactRecord(
    {
      contact: contact(psaId, 1, `c${psaId}@example.test`),
      companyName: 'Globex',
      email: `c${psaId}@example.test`,
      linkedUser: null,
      sameEmailUser,
      ineligible: null,
      targetCompanyId: 'mc-1',
    },
    String(psaId).padStart(4, '0'),
  );
  return decision === null ? base : { ...base, decision };
}

const decisionsOf = async (repos: Repositories) =>
  Object.fromEntries(
    (await repos.runRows.contactsAfter('run-1', null, 100)).map((r) => [r.row.contact.psaId, r.decision]),
  );

describe.each(storageDialects())('kept user decisions on $name', (dialect) => {
  let opened: TestStorage;
  beforeEach(async () => {
    opened = await dialect.open();
    await seedTenant(opened.storage.repos);
    await opened.storage.repos.runs.insert(run({ id: 'run-1' }));
  });
  afterEach(async () => opened.close());

  it('keeps only what the admin set, pages it by contact and lays it back', async () => {
    const { repos } = opened.storage;
    await repos.runRows.insertContacts('run-1', [
      record(1, { kind: 'grant' }),
      record(2, null),
      record(3, { kind: 'map', userId: 'u-3' }),
      // Its default is a map to u-9: another user is a decision, the same user is not.
      record(4, { kind: 'map', userId: 'u-8' }),
      record(5, { kind: 'unmap-create' }),
    ]);
    const kept = await opened.storage.transaction(async (trx) => {
      const count = await trx.keptUserDecisions.keep('run-1');
      await trx.runRows.deleteContacts('run-1');
      return count;
    });
    expect(kept).toBe(4);
    const first = await repos.keptUserDecisions.keptAfter('run-1', null, 3);
    expect(first).toEqual([
      { psaContactId: 1, decision: { kind: 'grant' } },
      { psaContactId: 3, decision: { kind: 'map', userId: 'u-3' } },
      { psaContactId: 4, decision: { kind: 'map', userId: 'u-8' } },
    ]);
    expect(await repos.keptUserDecisions.keptAfter('run-1', 4, 3)).toEqual([
      { psaContactId: 5, decision: { kind: 'unmap-create' } },
    ]);

    // The contacts come again at their defaults; 5 is gone from the PSA.
    await repos.runRows.insertContacts(
      'run-1',
      [1, 2, 3, 4].map((id) => record(id, null)),
    );
    await repos.keptUserDecisions.restore('run-1', [1, 4]);
    expect(await decisionsOf(repos)).toEqual({
      1: { kind: 'grant' },
      2: { kind: 'skip' },
      3: { kind: 'skip' },
      4: { kind: 'map', userId: 'u-8' },
    });
    const totals = await repos.runRows.totals('run-1');
    expect(totals.contacts.counts).toMatchObject({ usersGrant: 1, usersMap: 1, usersSkip: 2 });

    await repos.keptUserDecisions.drop('run-1');
    expect(await repos.keptUserDecisions.keptAfter('run-1', null, 10)).toEqual([]);
  });

  it('replaces what an earlier round trip left, never adds to it', async () => {
    const { repos } = opened.storage;
    await repos.runRows.insertContacts('run-1', [record(1, { kind: 'grant' }), record(2, { kind: 'grant' })]);
    expect(await repos.keptUserDecisions.keep('run-1')).toBe(2);
    await repos.runRows.setUserDecision('run-1', 2, { kind: 'skip' });
    expect(await repos.keptUserDecisions.keep('run-1')).toBe(1);
    expect(await repos.keptUserDecisions.keptAfter('run-1', null, 10)).toEqual([
      { psaContactId: 1, decision: { kind: 'grant' } },
    ]);
  });
});

/**
 * The core as it was before 0017 as far as the table goes: the fetch found nothing waiting and
 * dropped nothing. Until `migrated()`, so the same harness then runs on the new schema.
 */
function beforeKeeping(storage: Storage, migrated: () => boolean): Storage {
  const wrap = (repos: Repositories): Repositories =>
    migrated()
      ? repos
      : {
          ...repos,
          keptUserDecisions: { ...repos.keptUserDecisions, keptAfter: async () => [], drop: async () => {} },
        };
  return {
    get repos() {
      return wrap(storage.repos);
    },
    transaction: (work) => storage.transaction((repos) => work(wrap(repos))),
  };
}

describe.each(storageDialects())('0017 carries existing runs over on $name', (dialect) => {
  let opened: TestStorage | undefined;
  afterEach(async () => {
    await opened?.close();
  });

  it('lets a run at the user review before it go back and keep its decisions', async () => {
    opened = await dialect.open({ migrate: false });
    const before = Object.fromEntries(
      Object.entries(MIGRATIONS).filter(([name]) => name < '0017-kept-user-decisions'),
    );
    await migrateToLatest(opened.db, before);
    let migrated = false;
    const h = await coreHarness({ ...opened, storage: beforeKeeping(opened.storage, () => migrated) });
    expectView(await connect(h), 'connected');
    h.psa.companies = [company(1, 'Globex'), company(2, 'Initech')];
    h.psa.contacts = [contact(11, 1, 'a@globex.test'), contact(21, 2, 'b@initech.test')];
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const runId = review.run.runId;
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
    await h.bot.handle(h.alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: PAGE,
    });

    expect(await migrateToLatest(opened.db, MIGRATIONS)).toEqual(['0017-kept-user-decisions']);
    migrated = true;
    expectView(await h.bot.handle(h.alice, { kind: 'back-to-companies', runId, paging: PAGE }), 'review');
    const users = expectView(
      await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }),
      'users',
    );
    expect(users.carriedOver).toEqual({ kept: 2, dropped: 0 });
    expect(users.counts.usersGrant).toBe(2);
  });
});
