import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories, Storage } from '../../../src/ports/storage.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView, versionOf } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 20 };
const COMPANIES = 120;
const CONTACTS_PER_COMPANY = 4;

/** Counts the run rows each repository call hands back, to show a click reads O(page). */
function spyOnRows(storage: Storage, read: { rows: number }): Storage {
  const wrap = (repos: Repositories): Repositories => {
    const rows = repos.runRows;
    const counted = Object.fromEntries(
      Object.entries(rows).map(([name, fn]) => [
        name,
        async (...args: unknown[]) => {
          const result: unknown = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
          if (Array.isArray(result)) read.rows += result.length;
          return result;
        },
      ]),
    ) as unknown as Repositories['runRows'];
    return { ...repos, runRows: counted };
  };
  return {
    repos: wrap(storage.repos),
    transaction: (work) => storage.transaction((repos) => work(wrap(repos))),
  };
}

describe.each(storageDialects())('one user action, one core call, on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;
  const read = { rows: 0 };

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness({ ...db, storage: spyOnRows(db.storage, read) }, { licences: 10_000 });
    h.psa.companies = Array.from({ length: COMPANIES }, (_, i) =>
      company(i + 1, `Company ${String(i + 1).padStart(3, '0')}`),
    );
    h.psa.contacts = h.psa.companies.flatMap((c) =>
      Array.from({ length: CONTACTS_PER_COMPANY }, (_, j) =>
        contact(c.psaId * 100 + j, c.psaId, `p${j}@c${c.psaId}.test`),
      ),
    );
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  const start = async () => {
    const view = await h.bot.handle(h.alice, {
      kind: 'import',
      provider: 'connectwise',
      filterText: '',
      pageSize: PAGE.pageSize,
    });
    return expectView(view, 'review');
  };

  it('pages the review and the users from rows, and a click reads one page of rows', async () => {
    const first = await start();
    const runId = first.run.runId;
    expect(first.rows).toHaveLength(20);
    expect(first.paging.totalItems).toBe(COMPANIES);
    const clicks: Record<string, number> = {};
    const click = async (name: string, work: () => Promise<unknown>) => {
      read.rows = 0;
      await work();
      clicks[name] = read.rows;
    };
    await click('review page', async () => {
      const page = expectView(
        await h.bot.handle(h.alice, { kind: 'review', runId, paging: { page: 3, pageSize: 20 } }),
        'review',
      );
      expect(page.rows.map((row) => row.psaCompanyId)[0]).toBe(first.rows.length * 3 + 1);
    });
    await click('one company decision', () =>
      h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [{ psaCompanyId: 1, decision: { kind: 'skip' } }],
        paging: PAGE,
      }),
    );
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
    await click('users overview page', async () => {
      const users = expectView(
        await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId: null, paging: PAGE }),
        'users',
      );
      expect(users.paging.totalItems).toBe(COMPANIES - 1);
      expect(users.companies[0]).toMatchObject({ psaCompanyId: 2, eligible: 4, granted: 0 });
    });
    await click('bulk users of one company', () =>
      h.bot.handle(h.alice, {
        kind: 'bulk-users',
        runId,
        psaCompanyId: 2,
        action: 'grant-all-eligible',
        contactType: null,
        paging: PAGE,
      }),
    );
    await click('one user decision', () =>
      h.bot.handle(h.alice, {
        kind: 'decide-users',
        runId,
        decisions: [{ psaContactId: 300, decision: { kind: 'grant' } }],
        paging: PAGE,
      }),
    );
    await click('submit', () => h.bot.handle(h.alice, { kind: 'submit', runId }));
    await click('show approval', () => h.bot.handle(h.bob, { kind: 'show-run', runId, paging: PAGE }));
    // Every click reads at most about one page of rows, never the import's 120 + 480.
    for (const [name, rows] of Object.entries(clicks)) {
      expect({ name, rows: rows <= 2 * PAGE.pageSize }).toEqual({ name, rows: true });
    }
    const approval = expectView(
      await h.bot.handle(h.bob, { kind: 'show-run', runId, paging: PAGE }),
      'approval',
    );
    expect(approval.counts).toMatchObject({
      companiesCreate: COMPANIES - 1,
      companiesSkip: 1,
      usersGrant: 5,
    });
  });

  it('applies a batch of decisions all-or-nothing, naming the row that was refused', async () => {
    const runId = (await start()).run.runId;
    const refused = await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId,
      decisions: [
        { psaCompanyId: 1, decision: { kind: 'skip' } },
        { psaCompanyId: 2, decision: { kind: 'keep' } },
      ],
      paging: PAGE,
    });
    expect(refused).toMatchObject({ kind: 'error', code: 'invalid_input' });
    expect(refused.kind === 'error' ? refused.details.hint : '').toContain('PSA company 2');
    const unknown = await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId,
      decisions: [
        { psaCompanyId: 1, decision: { kind: 'skip' } },
        { psaCompanyId: 99_999, decision: { kind: 'skip' } },
      ],
      paging: PAGE,
    });
    expect(unknown.kind === 'error' ? unknown.details.hint : '').toContain('PSA company 99999');
    const review = expectView(await h.bot.handle(h.alice, { kind: 'review', runId, paging: PAGE }), 'review');
    expect(review.rows[0]?.decision).toEqual({ kind: 'create' });
    expect(review.counts.companiesSkip).toBe(0);

    const saved = expectView(
      await h.bot.handle(h.alice, {
        kind: 'decide-companies',
        runId,
        decisions: [
          { psaCompanyId: 1, decision: { kind: 'skip' } },
          { psaCompanyId: 2, decision: { kind: 'skip' } },
        ],
        paging: PAGE,
      }),
      'review',
    );
    expect(saved.counts.companiesSkip).toBe(2);
    expect(saved.run.version).toBeGreaterThan(review.run.version);
    const reset = expectView(
      await h.bot.handle(h.alice, { kind: 'bulk-companies', runId, action: 'reset', paging: PAGE }),
      'review',
    );
    expect(reset.counts.companiesSkip).toBe(0);
  });

  it('refuses an approval or a rejection of a version the approver did not see', async () => {
    const runId = (await start()).run.runId;
    const submitted = expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    const seen = submitted.run.version;
    expect(await h.bot.handle(h.bob, { kind: 'approve', runId, version: seen - 1 })).toMatchObject({
      kind: 'error',
      code: 'stale_view',
    });
    expect(
      await h.bot.handle(h.bob, { kind: 'reject', runId, version: seen + 1, reason: 'no' }),
    ).toMatchObject({ kind: 'error', code: 'stale_view' });
    const rejected = expectView(
      await h.bot.handle(h.bob, { kind: 'reject', runId, version: seen, reason: 'not now' }),
      'approval',
    );
    expect(rejected).toMatchObject({ state: 'rejected', decidedBy: 'Bob', rejectReason: 'not now' });
    // History says rejected by Bob, never "approved by" the rejecter.
    const history = expectView(await h.bot.handle(h.alice, { kind: 'history' }), 'history');
    expect(history.runs[0]).toMatchObject({
      status: 'rejected',
      approverName: null,
      decidedBy: 'Bob',
      rejectReason: 'not now',
    });
  });

  it('refuses a new import while one of yours waits for approval, and audits replacing an open one', async () => {
    const first = (await start()).run.runId;
    const second = (await start()).run.runId;
    expect(second).not.toBe(first);
    const entries = await db.storage.repos.audit.list(h.tenantId, first, 20);
    expect(entries.map((entry) => entry.action)).toContain('run.cancelled');
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId: second }), 'approval');
    const refused = await h.bot.handle(h.alice, {
      kind: 'import',
      provider: 'connectwise',
      filterText: '',
      pageSize: 20,
    });
    expect(refused).toMatchObject({ kind: 'error', code: 'import_pending_approval' });
    const status = expectView(await h.bot.handle(h.bob, { kind: 'status' }), 'status');
    expect(status.open).toHaveLength(1);
    expect(status.open[0]).toMatchObject({
      number: 1,
      runId: second,
      status: 'pending-approval',
      actions: ['approve', 'reject'],
    });
    const own = expectView(await h.bot.handle(h.alice, { kind: 'status' }), 'status');
    expect(own.open[0]?.actions).toEqual(['cancel']);
    expect(own.open[0]?.version).toBe(status.open[0]?.version);
  });

  it('checks the filter before touching an open import: a typo creates no run', async () => {
    const open = (await start()).run.runId;
    const typo = await h.bot.handle(h.alice, {
      kind: 'import',
      provider: 'connectwise',
      filterText: 'type=Nope',
      pageSize: 20,
    });
    expect(typo).toMatchObject({ kind: 'error', code: 'invalid_input' });
    const history = expectView(await h.bot.handle(h.alice, { kind: 'history' }), 'history');
    expect(history.runs.map((run) => [run.runId, run.status])).toEqual([[open, 'reviewing-companies']]);
    const started = (await db.storage.repos.audit.list(h.tenantId, open, 20)).find(
      (entry) => entry.action === 'run.started',
    );
    expect(started?.detail).toEqual({
      provider: 'connectwise',
      filter: { typeIds: ['1'], statusIds: [], activeOnly: true, label: expect.any(String), isDefault: true },
    });
    expect(JSON.stringify(started?.detail)).not.toContain('filterText');
  });

  it('returns the run to the company review with the error when the PSA session fails', async () => {
    const runId = (await start()).run.runId;
    // Stored credentials that no longer open a session.
    const integration = await db.storage.repos.integrations.find(h.tenantId, 'connectwise');
    if (integration === null) throw new Error('connected above');
    await db.storage.repos.integrations.upsert({ ...integration, sealedCredentials: 'damaged' });
    const failed = await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE });
    expect(failed).toMatchObject({ kind: 'error', code: 'credentials_unreadable' });
    expect((await db.storage.repos.runs.get(runId))?.status).toBe('reviewing-companies');
    expectView(await h.bot.handle(h.alice, { kind: 'review', runId, paging: PAGE }), 'review');
    const actions = (await db.storage.repos.audit.list(h.tenantId, runId, 20)).map((entry) => entry.action);
    expect(actions).toContain('contacts.failed');
  });

  it('approves with the version shown and applies every row', async () => {
    const runId = (await start()).run.runId;
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
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
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    const version = await versionOf(h.bot, h.bob, runId);
    const result = expectView(await h.bot.handle(h.bob, { kind: 'approve', runId, version }), 'result');
    expect(result.result).toMatchObject({
      companiesCreated: COMPANIES,
      usersImported: COMPANIES * CONTACTS_PER_COMPANY,
    });
  });
});
