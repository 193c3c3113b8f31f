import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UsersView } from '../../../src/app/views.js';
import type { UserDecision } from '../../../src/domain/decisions.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 50 };

describe.each(storageDialects())('going back to the companies keeps user decisions on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: ['Acme Inc'], licences: 100 });
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  async function start(): Promise<string> {
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    return review.run.runId;
  }

  const continueToUsers = async (runId: string): Promise<UsersView> =>
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');

  const back = async (runId: string) =>
    expectView(await h.bot.handle(h.alice, { kind: 'back-to-companies', runId, paging: PAGE }), 'review');

  const decideCompany = async (runId: string, psaCompanyId: number, kind: 'skip' | 'create') =>
    expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId, decision: { kind } }],
        paging: PAGE,
      }),
      'review',
    );

  const grantAll = async (runId: string) =>
    expectView(
      await h.bot.handle(h.alice, {
        kind: 'bulk-users',
        runId,
        psaCompanyId: null,
        action: 'grant-all-eligible',
        contactType: null,
        paging: PAGE,
      }),
      'users',
    );

  /** Every contact's current decision, by PSA id, through the users view of each company. */
  async function decisions(runId: string, companies: readonly number[]): Promise<Map<number, UserDecision>> {
    const found = new Map<number, UserDecision>();
    for (const psaCompanyId of companies) {
      const view = expectView(
        await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId, paging: PAGE }),
        'users',
      );
      for (const row of view.contacts) found.set(row.psaContactId, row.decision);
    }
    return found;
  }

  const auditDetail = async (runId: string, action: string) =>
    (await db.storage.repos.audit.list(h.tenantId, runId, 50))
      .filter((entry) => entry.action === action)
      .map((entry) => entry.detail);

  const keptRows = async () => db.db.selectFrom('run_kept_user_decisions').selectAll().execute();

  it('keeps the grants of the other companies when one company is left out on the way back', async () => {
    h.psa.companies = [company(1, 'Globex'), company(2, 'Initech'), company(3, 'Umbrella')];
    h.psa.contacts = [
      contact(11, 1, 'a@globex.test'),
      contact(12, 1, 'b@globex.test'),
      contact(21, 2, 'c@initech.test'),
      contact(31, 3, 'd@umbrella.test'),
      contact(32, 3, 'e@umbrella.test'),
    ];
    const runId = await start();
    expect((await continueToUsers(runId)).carriedOver).toBeUndefined();
    expect((await grantAll(runId)).counts.usersGrant).toBe(5);

    expect((await back(runId)).userDecisionsKept).toBe(5);
    expect(await auditDetail(runId, 'run.back-to-companies')).toEqual([{ userDecisionsKept: 5 }]);
    expect(await keptRows()).toHaveLength(5);
    await decideCompany(runId, 3, 'skip');
    // A contact gone from the PSA meanwhile: its decision has nothing left to apply to.
    h.psa.contacts = h.psa.contacts.filter((c) => c.psaId !== 12);

    const users = await continueToUsers(runId);
    expect(users.carriedOver).toEqual({ kept: 2, dropped: 3 });
    expect(users.counts.usersGrant).toBe(2);
    const now = await decisions(runId, [1, 2, 3]);
    expect(Object.fromEntries(now)).toEqual({ 11: { kind: 'grant' }, 21: { kind: 'grant' } });
    expect(await keptRows()).toEqual([]);
    const fetched = await auditDetail(runId, 'contacts.fetched');
    expect(fetched[0]).toMatchObject({ userDecisions: { restored: 2, dropped: 3 } });

    // Shown once, right after the fetch: the next view of the users step says nothing more.
    const again = expectView(
      await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId: null, paging: PAGE }),
      'users',
    );
    expect(again.carriedOver).toBeUndefined();
  });

  it('drops a map to an existing user once the company is created instead', async () => {
    const [acme] = await db.storage.repos.companies.listAll(h.tenantId);
    if (acme === undefined) throw new Error('seeded above');
    await db.storage.repos.users.insertMany(h.tenantId, [
      { id: 'u-1', companyId: acme.id, email: 'boss@acme.test', displayName: 'The Boss' },
    ]);
    h.psa.companies = [company(1, 'Acme Inc')];
    h.psa.contacts = [contact(11, 1, 'boss2@acme.test'), contact(12, 1, 'other@acme.test')];
    const runId = await start();
    expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: 1, decision: { kind: 'map', companyId: acme.id } }],
        paging: PAGE,
      }),
      'review',
    );
    await continueToUsers(runId);
    expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-users',
        runId,
        decisions: [
          { psaContactId: 11, decision: { kind: 'map', userId: 'u-1' } },
          { psaContactId: 12, decision: { kind: 'grant' } },
        ],
        paging: PAGE,
      }),
      'users',
    );

    await back(runId);
    await decideCompany(runId, 1, 'create');
    const users = await continueToUsers(runId);
    expect(users.carriedOver).toEqual({ kept: 1, dropped: 1 });
    expect(Object.fromEntries(await decisions(runId, [1]))).toEqual({
      11: { kind: 'skip' },
      12: { kind: 'grant' },
    });
  });

  it('keeps them over a second round trip, and a failed fetch loses none', async () => {
    h.psa.companies = [company(1, 'Globex'), company(2, 'Initech')];
    h.psa.contacts = [contact(11, 1, 'a@globex.test'), contact(21, 2, 'c@initech.test')];
    const runId = await start();
    await continueToUsers(runId);
    await grantAll(runId);

    await back(runId);
    // Going back twice in a row moves nothing and keeps what is waiting.
    await back(runId);
    expect(await keptRows()).toHaveLength(2);
    const integration = await db.storage.repos.integrations.find(h.tenantId, 'connectwise');
    if (integration === null) throw new Error('connected above');
    await db.storage.repos.integrations.upsert({ ...integration, sealedCredentials: 'damaged' });
    const failed = await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE });
    expect(failed).toMatchObject({ kind: 'error', code: 'credentials_unreadable' });
    expect(await keptRows()).toHaveLength(2);
    await db.storage.repos.integrations.upsert(integration);

    expect((await continueToUsers(runId)).carriedOver).toEqual({ kept: 2, dropped: 0 });
    await back(runId);
    await decideCompany(runId, 2, 'skip');
    const second = await continueToUsers(runId);
    expect(second.carriedOver).toEqual({ kept: 1, dropped: 1 });
    expect(second.counts.usersGrant).toBe(1);
    await back(runId);
    await decideCompany(runId, 2, 'create');
    // Initech's grant went with its rows last time: back in, its contact starts at the default.
    const third = await continueToUsers(runId);
    expect(third.carriedOver).toEqual({ kept: 1, dropped: 0 });
    expect(Object.fromEntries(await decisions(runId, [1, 2]))).toEqual({
      11: { kind: 'grant' },
      21: { kind: 'skip' },
    });
  });

  it('says nothing when the admin had set no user decision', async () => {
    h.psa.companies = [company(1, 'Globex')];
    h.psa.contacts = [contact(11, 1, 'a@globex.test')];
    const runId = await start();
    await continueToUsers(runId);
    expect((await back(runId)).userDecisionsKept).toBeUndefined();
    expect(await auditDetail(runId, 'run.back-to-companies')).toEqual([{ userDecisionsKept: 0 }]);
    expect((await continueToUsers(runId)).carriedOver).toBeUndefined();
  });
});
