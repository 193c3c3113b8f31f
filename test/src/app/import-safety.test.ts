import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportBot } from '../../../src/app/create-import-bot.js';
import type { View } from '../../../src/app/views.js';
import type { Repositories, Storage } from '../../../src/ports/storage.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import {
  type CoreHarness,
  connect,
  coreHarness,
  expectView,
  TEST_SETTINGS,
  versionOf,
} from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 50 };

/** Prepares a run up to "waiting for approval": two new companies, three new users. */
async function pendingRun(h: CoreHarness): Promise<string> {
  const runId = await reviewedRun(h);
  expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
  return runId;
}

/** The same run, reviewed and ready to submit. */
async function reviewedRun(h: CoreHarness): Promise<string> {
  h.psa.companies = [company(1, 'Globex'), company(2, 'Initech')];
  h.psa.contacts = [
    contact(11, 1, 'a@globex.test'),
    contact(12, 1, 'b@globex.test'),
    contact(21, 2, 'c@initech.test'),
  ];
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
  return runId;
}

async function directorySize(h: CoreHarness): Promise<{ companies: number; users: number; links: number }> {
  const repos = h.deps.storage.repos;
  const integration = await repos.integrations.find(h.tenantId, 'connectwise');
  return {
    companies: await repos.companies.count(h.tenantId),
    users: (await repos.users.listAll(h.tenantId)).length,
    links: integration === null ? 0 : (await repos.contactMap.list(integration.id)).length,
  };
}

/** A storage whose first transaction works on `wrap(repos)` instead of its repositories. */
function firstTransactionWith(storage: Storage, wrap: (repos: Repositories) => Repositories): Storage {
  let armed = true;
  return {
    repos: storage.repos,
    transaction: (work) =>
      storage.transaction((repos: Repositories) => {
        if (!armed) return work(repos);
        armed = false;
        return work(wrap(repos));
      }),
  };
}

/**
 * A storage whose first transaction, once it has read a run, waits for `meanwhile` before going on:
 * another writer's whole transaction fits in between.
 */
function pausedAfterFirstRunRead(storage: Storage, meanwhile: () => Promise<void>): Storage {
  let paused = false;
  return firstTransactionWith(storage, (repos) => ({
    ...repos,
    runs: {
      ...repos.runs,
      get: async (runId) => {
        const run = await repos.runs.get(runId);
        if (!paused) {
          paused = true;
          await meanwhile();
        }
        return run;
      },
    },
  }));
}

/** A storage that runs `meanwhile` just before its first lock renewal outside a transaction. */
function beforeFirstRenewal(storage: Storage, meanwhile: () => Promise<unknown>): Storage {
  let armed = true;
  const leases = storage.repos.leases;
  return {
    ...storage,
    repos: {
      ...storage.repos,
      leases: {
        ...leases,
        renew: async (...args) => {
          if (armed) {
            armed = false;
            await meanwhile();
          }
          return leases.renew(...args);
        },
      },
    },
  };
}

/** A storage whose next transaction dies half-way through the apply, like a killed process. */
function crashingOnce(storage: Storage): Storage {
  return firstTransactionWith(storage, (repos) => ({
    ...repos,
    contactMap: {
      ...repos.contactMap,
      upsertMany: async () => {
        throw new Error('killed mid-apply');
      },
    },
  }));
}

describe.each(storageDialects())('import safety on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db);
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  it('applies exactly once when fifty approvals arrive at the same moment', async () => {
    const runId = await pendingRun(h);
    const version = await versionOf(h.bot, h.bob, runId);
    const views: View[] = await Promise.all(
      Array.from({ length: 50 }, () => h.bot.handle(h.bob, { kind: 'approve', runId, version })),
    );
    const results = views.filter((view) => view.kind === 'result');
    expect(results).toHaveLength(1);
    for (const view of views.filter((candidate) => candidate.kind !== 'result')) {
      expect(view).toMatchObject({ kind: 'error', code: 'run_finished' });
    }
    expect(await directorySize(h)).toEqual({ companies: 2, users: 3, links: 3 });
    expect((await h.deps.storage.repos.licences.get(h.tenantId)).used).toBe(3);
  });

  // Only PostgreSQL lets two transactions interleave like this; SQLite runs them one at a time.
  describe.runIf(dialect.name === 'postgres')(
    'an approval that read the run just before another click finished it',
    () => {
      it.each([
        {
          other: 'approve',
          expected: 'result',
          hint: 'applied',
          directory: { companies: 2, users: 3, links: 3 },
        },
        {
          other: 'reject',
          expected: 'approval',
          hint: 'rejected',
          directory: { companies: 0, users: 0, links: 0 },
        },
      ] as const)(
        'is told the run is already $hint, not that it lost its lock (other click: $other)',
        async (c) => {
          const runId = await pendingRun(h);
          const version = await versionOf(h.bot, h.bob, runId);
          const others: Promise<View>[] = [];
          const late = createImportBot({
            ...h.deps,
            storage: pausedAfterFirstRunRead(h.deps.storage, async () => {
              // The other click finishes the run, frees the lock and commits while this one waits.
              const other = h.bot.handle(
                h.bob,
                c.other === 'approve'
                  ? { kind: 'approve', runId, version }
                  : { kind: 'reject', runId, version, reason: 'not now' },
              );
              others.push(other);
              await other;
            }),
          }).bot;
          const view = await late.handle(h.bob, { kind: 'approve', runId, version });
          const [other] = others;
          if (other === undefined) throw new Error('the other click never ran');
          expectView(await other, c.expected);
          expect(view).toMatchObject({ kind: 'error', code: 'run_finished', details: { hint: c.hint } });
          expect(await directorySize(h)).toEqual(c.directory);
        },
      );
    },
  );

  it('tells a submit whose lock a cancel freed a moment before "already cancelled", not a lost lock', async () => {
    const runId = await reviewedRun(h);
    const late = createImportBot({
      ...h.deps,
      storage: beforeFirstRenewal(h.deps.storage, () => h.bot.handle(h.alice, { kind: 'cancel', runId })),
    }).bot;
    const view = await late.handle(h.alice, { kind: 'submit', runId });
    expect(view).toMatchObject({ kind: 'error', code: 'run_finished', details: { hint: 'cancelled' } });
    expect((await h.deps.storage.repos.runs.get(runId))?.status).toBe('cancelled');
  });

  it('leaves nothing behind when the apply dies half-way, and a retry completes it once', async () => {
    const runId = await pendingRun(h);
    const crashing = createImportBot({ ...h.deps, storage: crashingOnce(h.deps.storage) }).bot;
    expect(
      await crashing.handle(h.bob, {
        kind: 'approve',
        runId,
        version: await versionOf(crashing, h.bob, runId),
      }),
    ).toMatchObject({
      kind: 'error',
      code: 'internal',
    });
    expect(await directorySize(h)).toEqual({ companies: 0, users: 0, links: 0 });
    expect((await h.deps.storage.repos.runs.get(runId))?.status).toBe('pending-approval');

    expectView(
      await crashing.handle(h.bob, {
        kind: 'approve',
        runId,
        version: await versionOf(crashing, h.bob, runId),
      }),
      'result',
    );
    expect(await directorySize(h)).toEqual({ companies: 2, users: 3, links: 3 });
    const again = await h.bot.handle(h.bob, {
      kind: 'approve',
      runId,
      version: await versionOf(h.bot, h.bob, runId),
    });
    expect(again).toMatchObject({ kind: 'error', code: 'run_finished' });
    expect(await directorySize(h)).toEqual({ companies: 2, users: 3, links: 3 });
  });

  it('expires a pending approval after its time and then applies nothing', async () => {
    const runId = await pendingRun(h);
    h.clock.advance(TEST_SETTINGS.approvalTtlMs + 1);
    expect(
      await h.bot.handle(h.bob, { kind: 'approve', runId, version: await versionOf(h.bot, h.bob, runId) }),
    ).toMatchObject({ code: 'approval_expired' });
    expect(await directorySize(h)).toEqual({ companies: 0, users: 0, links: 0 });
    // The lock went with it: another admin can start.
    expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
  });

  it('lets another admin take an abandoned lock, after which the old run cannot go on', async () => {
    h.psa.companies = [company(1, 'Globex')];
    const first = expectView(
      await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    expect(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
    ).toMatchObject({
      code: 'integration_locked',
    });
    h.clock.advance(TEST_SETTINGS.lockTtlMs + 1);
    expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const stale = await h.bot.handle(h.alice, {
      kind: 'decide-companies',
      runId: first.run.runId,
      decisions: [{ psaCompanyId: 1, decision: { kind: 'skip' } }],
      paging: PAGE,
    });
    expect(stale).toMatchObject({ kind: 'error', code: 'lock_lost' });
  });

  it('ends the run and frees the lock when the PSA fails, with the fault code', async () => {
    h.psa.companies = [company(1, 'Globex')];
    // The fault starts once the import is under way (filter read, lock taken): the fetch fails.
    const openThread = async () => {
      h.psa.fault = 'psa_server_error';
      return { platform: 'terminal' as const, data: '{}' };
    };
    expect(
      await h.bot.handle(
        h.alice,
        { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 },
        { openThread },
      ),
    ).toMatchObject({
      code: 'psa_server_error',
    });
    h.psa.fault = null;
    expectView(
      await h.bot.handle(h.bob, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
      'review',
    );
    const history = expectView(await h.bot.handle(h.bob, { kind: 'history' }), 'history');
    expect(history.runs.map((run) => run.status)).toContain('failed');
  });

  it('never stores credentials the PSA rejected, and keeps the stored ones encrypted', async () => {
    const before = await h.deps.storage.repos.integrations.find(h.tenantId, 'connectwise');
    expect(await connect(h, 'wrong-key')).toMatchObject({ code: 'psa_auth_failed' });
    const after = await h.deps.storage.repos.integrations.find(h.tenantId, 'connectwise');
    expect(after?.sealedCredentials).toBe(before?.sealedCredentials);
    expect(after?.sealedCredentials).not.toContain('good-key');
  });

  it('lets only the requester cancel, and a cancelled run refuses further clicks', async () => {
    const runId = await pendingRun(h);
    expect(await h.bot.handle(h.bob, { kind: 'cancel', runId })).toMatchObject({
      code: 'integration_locked',
    });
    expectView(await h.bot.handle(h.alice, { kind: 'cancel', runId: null }), 'notice');
    expect(
      await h.bot.handle(h.bob, { kind: 'approve', runId, version: await versionOf(h.bot, h.bob, runId) }),
    ).toMatchObject({ code: 'run_finished' });
    expect(await directorySize(h)).toEqual({ companies: 0, users: 0, links: 0 });
  });
  it('opens the thread once the import is sure to start and stores it with the run', async () => {
    h.psa.companies = [company(1, 'Globex')];
    let opened = 0;
    const openThread = async () => {
      opened++;
      return { platform: 'terminal' as const, data: '{"at":"root"}' };
    };
    const refused = await h.bot.handle(
      h.alice,
      { kind: 'import', provider: 'connectwise', filterText: 'type=Nope', pageSize: 20 },
      { openThread },
    );
    expect(refused).toMatchObject({ kind: 'error', code: 'invalid_input' });
    expect(opened).toBe(0);
    const review = await h.bot.handle(
      h.alice,
      { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 },
      { openThread },
    );
    expect(opened).toBe(1);
    const locked = await h.bot.handle(
      h.bob,
      { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 },
      { openThread },
    );
    expect(locked).toMatchObject({ kind: 'error', code: 'integration_locked' });
    expect(opened).toBe(1);
    const runId = expectView(review, 'review').run.runId;
    expect((await h.deps.storage.repos.runs.get(runId))?.thread).toEqual({
      platform: 'terminal',
      data: '{"at":"root"}',
    });
  });
});
