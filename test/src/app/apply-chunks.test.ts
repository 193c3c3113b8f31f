import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportBot } from '../../../src/app/bot-api.js';
import { createImportBot } from '../../../src/app/create-import-bot.js';
import type { ImportRun } from '../../../src/domain/run.js';
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

const resultOf = (run: ImportRun | null) => (run?.status === 'applied' ? run.result : undefined);

const PAGE = { page: 0, pageSize: 50 };

/** Five PSA companies of three contacts each; one looks like the managed "Acme Inc". */
function firstImport(h: CoreHarness): void {
  h.psa.companies = ['Acme, Inc.', 'Bravo', 'Charlie', 'Delta', 'Echo'].map((name, i) =>
    company(i + 1, name),
  );
  h.psa.contacts = h.psa.companies.flatMap((c) =>
    [1, 2, 3].map((n) => contact(c.psaId * 10 + n, c.psaId, `u${n}@c${c.psaId}.test`)),
  );
}

/** The same companies and two new ones; contacts 13 and 23 are gone from the PSA. */
function secondImport(h: CoreHarness): void {
  h.psa.companies = [
    ...['Acme, Inc.', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'].map((name, i) =>
      company(i + 1, name),
    ),
  ];
  h.psa.contacts = h.psa.companies
    .flatMap((c) => [1, 2, 3, 4].map((n) => contact(c.psaId * 10 + n, c.psaId, `u${n}@c${c.psaId}.test`)))
    .filter((c) => c.psaId !== 13 && c.psaId !== 23);
}

async function submitted(bot: ImportBot, h: CoreHarness): Promise<string> {
  const review = expectView(
    await bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText: '', pageSize: 20 }),
    'review',
  );
  const runId = review.run.runId;
  expectView(await bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
  await bot.handle(h.alice, {
    kind: 'bulk-users',
    runId,
    psaCompanyId: null,
    action: 'grant-all-eligible',
    contactType: null,
    paging: PAGE,
  });
  expectView(await bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
  return runId;
}

async function approve(bot: ImportBot, h: CoreHarness, runId: string) {
  return bot.handle(h.bob, { kind: 'approve', runId, version: await versionOf(bot, h.bob, runId) });
}

/**
 * Two imports applied one after the other; after the second is submitted, someone gives a user of
 * the managed "Acme Inc" the email of a Foxtrot contact, so the apply reports an issue.
 */
async function twoImports(bot: ImportBot, h: CoreHarness): Promise<string[]> {
  firstImport(h);
  const first = await submitted(bot, h);
  expectView(await approve(bot, h, first), 'result');
  secondImport(h);
  const second = await submitted(bot, h);
  const repos = h.deps.storage.repos;
  const acme = (await repos.companies.listAll(h.tenantId)).find((c) => c.name === 'Acme Inc');
  if (acme === undefined) throw new Error('the seeded company is missing');
  await repos.users.insertMany(h.tenantId, [
    { id: 'late-user', companyId: acme.id, email: 'U1@c6.test', displayName: 'Late' },
  ]);
  expectView(await approve(bot, h, second), 'result');
  return [first, second];
}

/** Everything an apply leaves, with generated ids renamed in order of appearance. */
async function snapshot(h: CoreHarness, runIds: readonly string[]): Promise<unknown> {
  const repos = h.deps.storage.repos;
  const integration = await repos.integrations.find(h.tenantId, 'connectwise');
  if (integration === null) throw new Error('not connected');
  const text = JSON.stringify({
    companies: await repos.companies.listAll(h.tenantId),
    users: await repos.users.listAll(h.tenantId),
    companyLinks: await repos.companyMap.list(integration.id),
    contactLinks: await repos.contactMap.list(integration.id),
    events: (await repos.directoryApi.outbox.changesSince(h.tenantId, 0, 10_000)).map((c) => c.event),
    results: await Promise.all(runIds.map(async (id) => resultOf(await repos.runs.get(id)))),
    licences: await repos.licences.get(h.tenantId),
  });
  const names = new Map<string, string>();
  return JSON.parse(
    text.replace(/id-\d{6}/g, (id) => {
      const name = names.get(id) ?? `#${names.size}`;
      names.set(id, name);
      return name;
    }),
  );
}

/** Storage whose apply transactions count (and may fail) the chunks of users they insert. */
function countingUserInserts(
  storage: Storage,
  failOnCall: number | null,
): { storage: Storage; calls: () => number } {
  let calls = 0;
  const wrap = (repos: Repositories): Repositories => ({
    ...repos,
    users: {
      ...repos.users,
      insertMany: async (tenantId, users) => {
        calls += 1;
        if (calls === failOnCall) throw new Error('killed in a later chunk');
        return repos.users.insertMany(tenantId, users);
      },
    },
  });
  return {
    storage: {
      repos: storage.repos,
      transaction: (work) => storage.transaction((repos) => work(wrap(repos))),
    },
    calls: () => calls,
  };
}

describe.each(storageDialects())('an apply in chunks on $name', (dialect) => {
  let dbs: TestStorage[] = [];

  async function harness(): Promise<CoreHarness> {
    const db = await dialect.open();
    dbs.push(db);
    const h = await coreHarness(db, { managedCompanies: ['Acme Inc'] });
    expectView(await connect(h), 'connected');
    return h;
  }

  function chunkedBot(h: CoreHarness, storage: Storage, chunk: number): ImportBot {
    return createImportBot({ ...h.deps, storage, settings: { ...TEST_SETTINGS, applyChunkSize: chunk } }).bot;
  }

  beforeEach(() => {
    dbs = [];
  });
  afterEach(async () => {
    for (const db of dbs) await db.close();
  });

  it('leaves the same directory, links, events and results as one chunk', async () => {
    const whole = await harness();
    const wholeRuns = await twoImports(whole.bot, whole);
    const expected = await snapshot(whole, wholeRuns);

    const chunked = await harness();
    const counting = countingUserInserts(chunked.deps.storage, null);
    const chunkedRuns = await twoImports(chunkedBot(chunked, counting.storage, 2), chunked);
    expect(counting.calls()).toBeGreaterThan(4);
    expect(await snapshot(chunked, chunkedRuns)).toEqual(expected);

    const result = resultOf(await whole.deps.storage.repos.runs.get(wholeRuns[1] ?? ''));
    expect(result).toMatchObject({
      companiesCreated: 2,
      companiesKept: 5,
      usersKept: 13,
      usersGoneFromPsa: 2,
    });
    expect(result?.errors).toEqual([
      { subject: 'First61 Last61', message: 'email now belongs to a user of "Acme Inc"' },
    ]);
  });

  it('rolls back every earlier chunk when a later one fails, and a retry applies once', async () => {
    const h = await harness();
    firstImport(h);
    const runId = await submitted(h.bot, h);
    const failing = countingUserInserts(h.deps.storage, 3);
    expect(await approve(chunkedBot(h, failing.storage, 2), h, runId)).toMatchObject({
      kind: 'error',
      code: 'internal',
    });
    const repos = h.deps.storage.repos;
    const integration = await repos.integrations.find(h.tenantId, 'connectwise');
    expect({
      companies: (await repos.companies.listAll(h.tenantId)).map((c) => c.name),
      users: (await repos.users.listAll(h.tenantId)).length,
      companyLinks: (await repos.companyMap.list(integration?.id ?? '')).length,
      contactLinks: (await repos.contactMap.list(integration?.id ?? '')).length,
      events: (await repos.directoryApi.outbox.changesSince(h.tenantId, 0, 100)).length,
      used: (await repos.licences.get(h.tenantId)).used,
      status: (await repos.runs.get(runId))?.status,
    }).toEqual({
      companies: ['Acme Inc'],
      users: 0,
      companyLinks: 0,
      contactLinks: 0,
      events: 0,
      used: 0,
      status: 'pending-approval',
    });

    expectView(await approve(chunkedBot(h, h.deps.storage, 2), h, runId), 'result');
    expect((await repos.users.listAll(h.tenantId)).length).toBe(15);
    expect((await repos.companyMap.list(integration?.id ?? '')).length).toBe(5);
    expect((await repos.runs.get(runId))?.status).toBe('applied');
  });
});
