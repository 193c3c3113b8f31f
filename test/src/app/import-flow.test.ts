import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  versionOf,
  WORKSPACE,
} from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 100 };

const MANAGED = ['ACME Inc', 'Smith and Sons', 'Wayne Enterprises', 'Wayne Enterprises, LLC'];

function seedPsa(h: CoreHarness): void {
  h.psa.companies = [
    company(1, 'Acme, Inc.'),
    company(2, 'The Smith & Sons Co.'),
    company(3, 'Wayne Enterprises Inc.'),
    company(4, 'Globex'),
    company(5, 'Initech'),
    company(6, 'Umbrella'),
    company(7, 'Vendor Co', { typeNames: ['Vendor'] }),
  ];
  h.psa.contacts = [
    contact(101, 1, 'a@acme.test'),
    contact(102, 1, null),
    contact(103, 1, 'old@acme.test', { active: false }),
    contact(401, 4, 'x@globex.test'),
    contact(402, 4, 'shared@example.test'),
    contact(501, 5, 'Shared@Example.test'),
    contact(502, 5, 'y@initech.test'),
  ];
}

describe.each(storageDialects())('the import flow on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db, { managedCompanies: MANAGED, licences: 10 });
    seedPsa(h);
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  it('imports with a second admin sign-off, then re-imports without creating anything', async () => {
    const progress: number[] = [];
    const review = expectView(
      await h.bot.handle(
        h.alice,
        { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 },
        { onProgress: (p) => progress.push(p.done) },
      ),
      'review',
    );
    expect(progress.length).toBeGreaterThan(0);
    expect(review.rows.map((row) => row.name)).not.toContain('Vendor Co');
    // Unmapped rows (incl. potential duplicates) come first; none is mapped yet.
    expect(review.totals).toEqual({ mapped: 0, unmapped: 3, duplicates: 3 });
    const acme = review.rows.find((row) => row.psaCompanyId === 1);
    expect(acme?.status).toBe('potential-duplicate');
    expect(acme?.candidates[0]?.reason).toMatch(/ACME Inc/);
    const wayne = review.rows.find((row) => row.psaCompanyId === 3);
    expect(wayne?.candidates).toHaveLength(2);
    expect(wayne?.decision.kind).toBe('skip');
    const runId = review.run.runId;

    const acmeId = acme?.candidates[0]?.companyId ?? '';
    expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: 1, decision: { kind: 'map', companyId: acmeId } }],
        paging: PAGE,
      }),
      'review',
    );
    const afterSkip = expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: 6, decision: { kind: 'skip' } }],
        paging: PAGE,
      }),
      'review',
    );
    expect(afterSkip.counts).toMatchObject({ companiesCreate: 2, companiesMap: 2, companiesSkip: 2 });

    const users = expectView(
      await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }),
      'users',
    );
    expect(users.companies.map((c) => c.psaCompanyId).sort()).toEqual([1, 2, 4, 5]);
    const acmeUsers = expectView(
      await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId: 1, paging: PAGE }),
      'users',
    );
    const reasons = Object.fromEntries(acmeUsers.contacts.map((c) => [c.psaContactId, c.ineligibleReason]));
    expect(reasons[101]).toBeNull();
    expect(reasons[102]).toMatch(/email/i);
    expect(reasons[103]).toMatch(/inactive/i);

    const granted = expectView(
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
    expect(granted.counts.usersGrant).toBe(4);
    expect(granted.counts.usersIneligible).toBe(3);

    const approval = expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    expect(approval.state).toBe('pending');
    expect(approval.approvers).toEqual([{ platform: 'terminal', userId: 'bob' }]);

    const own = expectView(
      await h.bot.handle(h.alice, {
        kind: 'approve',
        runId,
        version: await versionOf(h.bot, h.alice, runId),
      }),
      'error',
    );
    expect(own.code).toBe('cannot_approve_own');

    const result = expectView(
      await h.bot.handle(h.bob, { kind: 'approve', runId, version: await versionOf(h.bot, h.bob, runId) }),
      'result',
    );
    expect(result.result).toMatchObject({
      companiesCreated: 2,
      companiesMapped: 2,
      usersImported: 4,
      errors: [],
    });
    expect(await h.deps.storage.repos.companies.count(h.tenantId)).toBe(MANAGED.length + 2);
    expect(await h.deps.storage.repos.users.listAll(h.tenantId)).toHaveLength(4);
    expect(await h.deps.storage.repos.licences.get(h.tenantId)).toMatchObject({ used: 4 });

    // Second import: what was imported shows as Mapped and its users come pre-selected. One
    // imported contact has left the PSA: reported, and its user is kept.
    h.psa.contacts = h.psa.contacts.filter((c) => c.psaId !== 402);
    const again = expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const mapped = again.rows.filter((row) => row.status === 'mapped').map((row) => row.psaCompanyId);
    expect(mapped.sort()).toEqual([1, 2, 4, 5]);
    const rerun = again.run.runId;
    await h.bot.handle(h.bob, {
      kind: 'decide-companies',
      runId: rerun,
      decisions: [{ psaCompanyId: 6, decision: { kind: 'skip' } }],
      paging: PAGE,
    });
    expectView(await h.bot.handle(h.bob, { kind: 'continue-to-users', runId: rerun, paging: PAGE }), 'users');
    const globex = expectView(
      await h.bot.handle(h.bob, { kind: 'users', runId: rerun, psaCompanyId: 4, paging: PAGE }),
      'users',
    );
    expect(globex.contacts.map((c) => c.psaContactId)).toEqual([401]);
    expect(globex.contacts.every((c) => c.previouslyImported && c.decision.kind === 'grant')).toBe(true);
    expectView(await h.bot.handle(h.bob, { kind: 'submit', runId: rerun }), 'approval');
    const second = expectView(
      await h.bot.handle(h.alice, {
        kind: 'approve',
        runId: rerun,
        version: await versionOf(h.bot, h.alice, rerun),
      }),
      'result',
    );
    expect(second.result).toMatchObject({
      companiesCreated: 0,
      usersImported: 0,
      companiesKept: 4,
      usersKept: 3,
      usersGoneFromPsa: 1,
    });
    expect(await h.deps.storage.repos.companies.count(h.tenantId)).toBe(MANAGED.length + 2);
    expect(await h.deps.storage.repos.users.listAll(h.tenantId)).toHaveLength(4);
    const audit = await h.deps.storage.repos.audit.list(h.tenantId, runId, 100);
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'run.started',
        'company.decided',
        'run.submitted',
        'run.approved',
        'run.applied',
      ]),
    );
  });

  it('gives the integration lock to exactly one of two admins starting at once', async () => {
    const views = await Promise.all([
      h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
    ]);
    expect(views.map((view) => view.kind).sort()).toEqual(['error', 'review']);
    const refused = views.find((view) => view.kind === 'error');
    expect(refused).toMatchObject({ code: 'integration_locked' });
  });

  it('refuses a plan that needs more licences than are free, at submit and at apply', async () => {
    await h.deps.storage.repos.licences.setTotal(h.tenantId, 1);
    const review = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const runId = review.run.runId;
    await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE });
    await h.bot.handle(h.alice, {
      kind: 'bulk-users',
      runId,
      psaCompanyId: null,
      action: 'grant-all-eligible',
      contactType: null,
      paging: PAGE,
    });
    const refused = expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'error');
    expect(refused).toMatchObject({ code: 'insufficient_licenses', details: { licencesFree: 1 } });

    // Enough at submit, but the pool shrank before approval: nothing is applied.
    await h.deps.storage.repos.licences.setTotal(h.tenantId, 10);
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    await h.deps.storage.repos.licences.setTotal(h.tenantId, 2);
    const late = expectView(
      await h.bot.handle(h.bob, { kind: 'approve', runId, version: await versionOf(h.bot, h.bob, runId) }),
      'error',
    );
    expect(late.code).toBe('insufficient_licenses');
    expect(await h.deps.storage.repos.users.listAll(h.tenantId)).toHaveLength(0);
    expect(await h.deps.storage.repos.companies.count(h.tenantId)).toBe(MANAGED.length);
  });

  it('refuses everyone who is not an admin of the workspace', async () => {
    const stranger = { ...WORKSPACE, userId: 'mallory', displayName: 'Mallory' };
    const view = await h.bot.handle(stranger, {
      kind: 'import',
      provider: 'connectwise',
      filterText: '',
      pageSize: 20,
    });
    expect(view).toMatchObject({ kind: 'error', code: 'not_admin' });
    const otherWorkspace = { ...h.alice, workspaceId: 'elsewhere' };
    expect(await h.bot.handle(otherWorkspace, { kind: 'status' })).toMatchObject({ code: 'not_admin' });
  });
});
