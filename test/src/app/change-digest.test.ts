import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportBot } from '../../../src/app/create-import-bot.js';
import type { DigestDelivery } from '../../../src/app/use-cases/digest-runner.js';
import type { DigestView } from '../../../src/app/views.js';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import type { Logger } from '../../../src/ports/logger.js';
import { seedTenant } from '../../adapters/storage/storage-fixtures.js';
import { company, contact } from '../../fakes/fake-psa-gateway.js';
import { type CoreHarness, connect, coreHarness, expectView, versionOf } from '../../support/core-harness.js';
import { storageDialects, type TestStorage } from '../../support/storage-dialects.js';

const PAGE = { page: 0, pageSize: 100 };
const HERE: ThreadRef = { platform: 'terminal', data: 'local' };
const HOUR = 3_600_000;

function seedPsa(h: CoreHarness): void {
  h.psa.companies = [
    company(1, 'Acme'),
    company(2, 'Globex'),
    company(9, 'Vendor Co', { typeNames: ['Vendor'] }),
  ];
  h.psa.contacts = [
    contact(101, 1, 'a@acme.test'),
    contact(102, 1, 'b@acme.test'),
    contact(201, 2, 'c@globex.test'),
  ];
}

/** Imports with the given filter, every eligible contact granted, approved by bob. */
async function importAndApply(h: CoreHarness, filterText = ''): Promise<void> {
  const review = expectView(
    await h.bot.handle(h.alice, { kind: 'import', provider: 'connectwise', filterText, pageSize: 50 }),
    'review',
  );
  const runId = review.run.runId;
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
  expectView(await h.bot.handle(h.bob, { kind: 'approve', runId, version }), 'result');
}

/** The three changes of the acceptance test: a new client, a deactivated contact, a new email. */
function changePsa(h: CoreHarness): void {
  h.psa.companies = [...h.psa.companies, company(3, 'Initech')];
  h.psa.contacts = h.psa.contacts.map((c) =>
    c.psaId === 102 ? { ...c, active: false } : c.psaId === 201 ? { ...c, emails: ['c2@globex.test'] } : c,
  );
}

function names(view: DigestView): Record<string, string[]> {
  return Object.fromEntries(view.sections.map((s) => [s.kind, s.samples.map((sample) => sample.name)]));
}

async function schedule(h: CoreHarness, extra: { always?: boolean; day?: string } = {}): Promise<void> {
  expectView(
    await h.bot.handle(h.alice, {
      kind: 'digest-schedule',
      provider: 'connectwise',
      cadence: 'weekly',
      day: extra.day ?? 'monday',
      time: '08:00',
      timeZone: 'Europe/Berlin',
      always: extra.always ?? false,
      conversation: HERE,
    }),
    'notice',
  );
}

describe.each(storageDialects())('the change digest on $name', (dialect) => {
  let db: TestStorage;
  let h: CoreHarness;
  let posted: DigestDelivery[];
  const deliver = async (delivery: DigestDelivery): Promise<void> => {
    posted.push(delivery);
  };

  beforeEach(async () => {
    db = await dialect.open();
    h = await coreHarness(db);
    seedPsa(h);
    posted = [];
    expectView(await connect(h), 'connected');
  });
  afterEach(async () => db.close());

  it('lists exactly what changed, leads into a review showing it, and is quiet once imported', async () => {
    await importAndApply(h);
    await schedule(h);
    changePsa(h);
    const digests = createImportBot(h.deps).digests;

    // The clock starts on Saturday 2026-11-21; Monday 08:00 in Berlin is 07:00 UTC.
    h.clock.advance(2 * 24 * HOUR - 2 * HOUR - 1);
    expect(await digests.runDue('replica-a', deliver)).toBe(0);
    h.clock.advance(1);
    expect(h.clock.now().toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(await digests.runDue('replica-a', deliver)).toBe(1);
    expect(posted).toHaveLength(1);
    const view = posted[0]?.view;
    if (view === undefined) throw new Error('no digest');
    expect(posted[0]?.conversation).toEqual(HERE);
    expect(view.total).toBe(3);
    expect(names(view)).toEqual({
      'new-companies': ['Initech'],
      'inactive-contacts': ['First102 Last102'],
      'changed-emails': ['First201 Last201'],
    });
    expect(view.sections.find((s) => s.kind === 'changed-emails')?.samples[0]?.detail).toBe(
      'c@globex.test → c2@globex.test',
    );
    expect(view.nextDueAt).toBe('2026-11-30T07:00:00.000Z');
    // The slot ran; the same set is not posted again the next week.
    expect(await digests.runDue('replica-a', deliver)).toBe(0);
    h.clock.advance(7 * 24 * HOUR);
    expect(await digests.runDue('replica-a', deliver)).toBe(1);
    expect(posted).toHaveLength(1);

    // Start import: the normal review, with the same filter, shows the changes.
    const review = expectView(
      await h.bot.handle(h.alice, {
        kind: 'import',
        provider: 'connectwise',
        filterText: view.filterText,
        pageSize: 50,
      }),
      'review',
    );
    expect(review.rows.filter((row) => row.status !== 'mapped').map((row) => row.name)).toEqual(['Initech']);
    const runId = review.run.runId;
    expectView(await h.bot.handle(h.alice, { kind: 'continue-to-users', runId, paging: PAGE }), 'users');
    const acme = expectView(
      await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId: 1, paging: PAGE }),
      'users',
    );
    expect(acme.contacts.find((c) => c.psaContactId === 102)?.ineligibleReason).toMatch(/inactive/i);
    const globex = expectView(
      await h.bot.handle(h.alice, { kind: 'users', runId, psaCompanyId: 2, paging: PAGE }),
      'users',
    );
    expect(globex.contacts.find((c) => c.psaContactId === 201)?.email).toBe('c2@globex.test');
    expectView(await h.bot.handle(h.alice, { kind: 'submit', runId }), 'approval');
    const version = await versionOf(h.bot, h.bob, runId);
    expectView(await h.bot.handle(h.bob, { kind: 'approve', runId, version }), 'result');

    // Imported: the next digest is quiet, and asking shows "no changes".
    const now = expectView(
      await h.bot.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' }),
      'digest',
    );
    expect(now.total).toBe(0);
    h.clock.advance(7 * 24 * HOUR);
    expect(await digests.runDue('replica-a', deliver)).toBe(1);
    expect(posted).toHaveLength(1);

    const status = expectView(await h.bot.handle(h.alice, { kind: 'status' }), 'status');
    expect(status.schedules?.[0]).toMatchObject({
      provider: 'connectwise',
      description: 'weekly on Monday at 08:00 (Europe/Berlin)',
    });
    const history = expectView(await h.bot.handle(h.alice, { kind: 'history' }), 'history');
    expect(history.digests?.map((d) => d.outcome)).toEqual(['no-changes', 'changes']);
  });

  it('fires once a week at 08:00 Berlin time across the end of summer time', async () => {
    await importAndApply(h);
    h.clock.advance(Date.parse('2026-10-18T00:00:00Z') - h.clock.now().getTime());
    await schedule(h, { always: true });
    const digests = createImportBot(h.deps).digests;
    const at: string[] = [];
    for (let hour = 0; hour < 16 * 24; hour++) {
      const before = posted.length;
      await digests.runDue('replica-a', deliver);
      if (posted.length > before) at.push(h.clock.now().toISOString());
      h.clock.advance(HOUR);
    }
    // 08:00 CEST is 06:00 UTC; after 25 October, 08:00 CET is 07:00 UTC.
    expect(at).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z', '2026-11-02T07:00:00.000Z']);
    expect(posted.every((p) => p.view.total === 0 && p.view.error === null)).toBe(true);
  });

  it('runs a slot missed while down once after a restart, not once per missed slot', async () => {
    await importAndApply(h);
    await schedule(h, { always: true });
    // Down for three weeks; a new process (another core over the same database) starts.
    h.clock.advance(21 * 24 * HOUR);
    const restarted = createImportBot(h.deps).digests;
    expect(await restarted.runDue('replica-b', deliver)).toBe(1);
    expect(await restarted.runDue('replica-b', deliver)).toBe(0);
    expect(posted).toHaveLength(1);
    const record = await h.deps.storage.repos.digests.listByTenant(h.tenantId);
    expect(Date.parse(record[0]?.nextDueAt ?? '')).toBeGreaterThan(h.clock.now().getTime());
  });

  it('skips a schedule it cannot read, logs it once, sets it aside a day, and runs the others', async () => {
    await schedule(h, { always: true });
    const { repos } = h.deps.storage;
    await seedTenant(repos, 'tenant-2');
    const mine = (await repos.digests.listByTenant(h.tenantId))[0];
    if (mine === undefined) throw new Error('scheduled');
    await repos.digests.upsert({ ...mine, integrationId: 'int-tenant-2', tenantId: 'tenant-2' });
    await db.db
      .updateTable('digest_schedules')
      .set({ cadence: 'fortnightly' })
      .where('integration_id', '=', 'int-tenant-2')
      .execute();
    const errors: Readonly<Record<string, unknown>>[] = [];
    const logger: Logger = { ...h.deps.logger, error: (fields) => errors.push(fields) };
    const digests = createImportBot({ ...h.deps, logger }).digests;

    for (let week = 0; week < 2; week++) {
      h.clock.advance(7 * 24 * HOUR);
      expect(await digests.runDue('replica-a', deliver)).toBe(1);
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'stored_data_invalid',
      table: 'digest_schedules',
      id: 'int-tenant-2',
      err: { details: { hint: 'digest schedule int-tenant-2, field cadence' } },
    });
    // Set aside for a day, so it no longer takes one of the due list's places every round.
    const dueAt = async () =>
      (
        await db.db
          .selectFrom('digest_schedules')
          .select('next_due_at')
          .where('integration_id', '=', 'int-tenant-2')
          .executeTakeFirstOrThrow()
      ).next_due_at;
    expect(await dueAt()).toBe(new Date(h.clock.now().getTime() + 24 * HOUR).toISOString());
    expect((await repos.digests.listDue(h.clock.now().toISOString())).damaged).toEqual([]);
    // Repaired meanwhile: read again a day later, and it runs.
    await db.db
      .updateTable('digest_schedules')
      .set({ cadence: 'weekly' })
      .where('integration_id', '=', 'int-tenant-2')
      .execute();
    h.clock.advance(24 * HOUR);
    expect(await digests.runDue('replica-a', deliver)).toBe(1);
    expect(Date.parse(await dueAt())).toBeGreaterThan(h.clock.now().getTime());
  });

  it('sends one digest when two replicas find it due at the same time', async () => {
    await importAndApply(h);
    await schedule(h);
    changePsa(h);
    h.clock.advance(3 * 24 * HOUR);
    const a = createImportBot(h.deps).digests;
    const b = createImportBot(h.deps).digests;
    const ran = await Promise.all([a.runDue('replica-a', deliver), b.runDue('replica-b', deliver)]);
    expect(ran.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(posted).toHaveLength(1);
  });

  it('reports a failing PSA once with the seed wording, then tries again at the next slot', async () => {
    await importAndApply(h);
    await schedule(h);
    changePsa(h);
    const digests = createImportBot(h.deps).digests;
    h.psa.fault = 'psa_server_error';
    h.clock.advance(3 * 24 * HOUR);
    await digests.runDue('replica-a', deliver);
    expect(posted.map((p) => p.view.error?.code)).toEqual(['psa_server_error']);
    h.clock.advance(7 * 24 * HOUR);
    await digests.runDue('replica-a', deliver);
    expect(posted).toHaveLength(1);
    h.psa.fault = null;
    h.clock.advance(7 * 24 * HOUR);
    await digests.runDue('replica-a', deliver);
    expect(posted).toHaveLength(2);
    expect(posted[1]?.view.total).toBe(3);
  });

  it('stops a digest that would use more than its share of the PSA budget', async () => {
    await importAndApply(h);
    const capped = createImportBot({
      ...h.deps,
      settings: { ...h.deps.settings, digestMaxRequests: { connectwise: 1 } },
    }).bot;
    const view = expectView(
      await capped.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' }),
      'error',
    );
    expect(view.code).toBe('psa_budget_exhausted');
    const uncapped = await h.bot.handle(h.alice, { kind: 'digest-now', provider: 'connectwise' });
    expect(expectView(uncapped, 'digest').total).toBe(0);
  });

  it('refuses a schedule without a conversation, an unknown zone, or from a non-admin', async () => {
    const base = {
      kind: 'digest-schedule',
      provider: 'connectwise',
      cadence: 'daily',
      day: null,
      time: null,
      timeZone: null,
      always: false,
    } as const;
    expect(
      expectView(await h.bot.handle(h.alice, { ...base, conversation: null }), 'error').details.hint,
    ).toMatch(/conversation/);
    expect(
      expectView(await h.bot.handle(h.alice, { ...base, timeZone: 'Mars/Base', conversation: HERE }), 'error')
        .details.hint,
    ).toMatch(/time zone/);
    const stranger = { ...h.alice, userId: 'mallory', displayName: 'Mallory' };
    expect(expectView(await h.bot.handle(stranger, { ...base, conversation: HERE }), 'error').code).toBe(
      'not_admin',
    );
    expectView(await h.bot.handle(h.alice, { ...base, conversation: HERE }), 'notice');
    const audit = await h.deps.storage.repos.audit.list(h.tenantId, null, 10);
    expect(audit.map((entry) => entry.action)).toContain('digest.scheduled');
    expectView(await h.bot.handle(h.alice, { kind: 'digest-off', provider: 'connectwise' }), 'notice');
    expect(await h.deps.storage.repos.digests.listByTenant(h.tenantId)).toEqual([]);
  });
});
