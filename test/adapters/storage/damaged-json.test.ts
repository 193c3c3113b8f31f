import { beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryEvent } from '../../../src/domain/directory-events.js';
import { AppError } from '../../../src/domain/errors.js';
import type { DigestScheduleRecord } from '../../../src/ports/digest-store.js';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { webhookEndpoint } from '../webhooks/endpoint-fixtures.js';
import { run, STATUS_PARTS, seedTenant, T0 } from './storage-fixtures.js';

/** Sealed secrets look like this; a damaged row's error must never carry them. */
const SEALED = 'v1.sealed-secret-bytes';

/** What a read throws, or null when it does not. */
async function thrown(read: () => Promise<unknown>): Promise<unknown> {
  return read().then(
    () => null,
    (error: unknown) => error,
  );
}

function expectRefused(error: unknown, hint: string): void {
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: 'stored_data_invalid', details: { hint } });
  expect(JSON.stringify((error as AppError).details)).not.toContain(SEALED);
}

/*
 * Issue 8: every JSON column outside the run tables is validated on read. Each case writes a bad
 * value straight into the table. A record a user asked for raises `stored_data_invalid` naming
 * the table's record and the field; a background job's bulk read skips it, names it and goes on.
 */
describe.each(storageDialects())('damaged JSON columns on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos, 'tenant-1');
    await seedTenant(repos, 'tenant-2');
  });

  const addEndpoint = (id: string, tenantId: string, events: string[] = []) =>
    repos.directoryApi.endpoints.insert(
      webhookEndpoint({ id, tenantId, sealedSecret: SEALED, at: T0, events }),
    );

  let n = 0;
  const event = (type: DirectoryEvent['type'] = 'company.created'): DirectoryEvent => ({
    id: `evt_${++n}`,
    type,
    timestamp: T0,
    data: { runId: 'run-1' },
  });

  /** Appends one batch per tenant given, in order; returns their seqs. */
  const appendBatches = async (...tenants: string[]): Promise<number[]> => {
    for (const tenantId of tenants) {
      await opened.storage.transaction((trx) =>
        trx.directoryApi.outbox.append([{ event: event(), tenantId, runId: 'run-1' }]),
      );
    }
    const rows = await opened.db.selectFrom('webhook_outbox_batches').select('seq').orderBy('seq').execute();
    return rows.map((row) => Number(row.seq));
  };

  const damageBatch = (seq: number, events = '{"t":"x","e":[["evt","company.created"]]}') =>
    opened.db.updateTable('webhook_outbox_batches').set({ events }).where('seq', '=', seq).execute();

  const deliveries = () =>
    opened.db
      .selectFrom('webhook_deliveries')
      .select(['endpoint_id', 'event_seq', 'status', 'last_error'])
      .orderBy('endpoint_id')
      .orderBy('event_seq')
      .execute();

  describe('open runs of every tenant', () => {
    it('skips a damaged run and names it; the other tenants’ runs are read', async () => {
      await repos.runs.insert(run({ id: 'a', tenantId: 'tenant-1', integrationId: 'int-tenant-1' }));
      await repos.runs.insert(run({ id: 'b', tenantId: 'tenant-2', integrationId: 'int-tenant-2' }));
      await repos.runs.insert(
        run(
          { id: 'c', tenantId: 'tenant-2', integrationId: 'int-tenant-2' },
          STATUS_PARTS['reviewing-users'],
        ),
      );
      await opened.db.updateTable('import_runs').set({ filter: '{broken' }).where('id', '=', 'b').execute();
      await opened.db
        .updateTable('import_runs')
        .set({ contact_types: '[7]' })
        .where('id', '=', 'c')
        .execute();

      const open = await repos.runs.listAllOpen();
      expect(open.records.map((r) => r.id)).toEqual(['a']);
      expect(open.damaged.map(({ table, id }) => ({ table, id }))).toEqual([
        { table: 'import_runs', id: 'b' },
        { table: 'import_runs', id: 'c' },
      ]);
      expectRefused(open.damaged[0]?.error, 'import b, field filter');
      expectRefused(open.damaged[1]?.error, 'import c, field contact_types');
      // The cause is kept for the log line.
      expect(open.damaged[0]?.error.cause).toBeInstanceOf(SyntaxError);
    });
  });

  describe('webhook endpoints', () => {
    it.each([
      ['malformed JSON', '["company.created"'],
      ['not a list of strings', '{"0":"company.created"}'],
      ['a list of numbers', '[1,2]'],
    ])('refuses an endpoint whose events hold %s, naming it and never its secret', async (_, events) => {
      await addEndpoint('ep-1', 'tenant-1', ['company.created']);
      await addEndpoint('ep-2', 'tenant-1');
      await opened.db.updateTable('webhook_endpoints').set({ events }).where('id', '=', 'ep-1').execute();

      expectRefused(
        await thrown(() => repos.directoryApi.endpoints.get('tenant-1', 'ep-1')),
        'webhook endpoint ep-1, field events',
      );
      expectRefused(
        await thrown(() => repos.directoryApi.endpoints.list('tenant-1')),
        'webhook endpoint ep-1, field events',
      );
      expect((await repos.directoryApi.endpoints.get('tenant-1', 'ep-2'))?.events).toEqual([]);
    });

    it('enqueues for every other endpoint when one is damaged, and names the damaged one', async () => {
      await addEndpoint('ep-1', 'tenant-1');
      await addEndpoint('ep-2', 'tenant-2');
      await appendBatches('tenant-1', 'tenant-2');
      await opened.db
        .updateTable('webhook_endpoints')
        .set({ events: '"all"' })
        .where('id', '=', 'ep-1')
        .execute();

      const round = await opened.storage.transaction((trx) => trx.directoryApi.deliveries.enqueue(T0, 100));
      expect(round.enqueued).toBe(1);
      expect(round.damaged.map(({ table, id }) => ({ table, id }))).toEqual([
        { table: 'webhook_endpoints', id: 'ep-1' },
      ]);
      expectRefused(round.damaged[0]?.error, 'webhook endpoint ep-1, field events');
      expect((await deliveries()).map((d) => d.endpoint_id)).toEqual(['ep-2']);
    });
  });

  describe('webhook outbox batches', () => {
    it.each([
      ['malformed JSON', '{"t":'],
      ['an event without its data', '{"t":"x","e":[["evt","company.created"]]}'],
      ['an unknown event type', '{"t":"x","e":[["evt","company.exploded",{}]]}'],
      ['whole events without an id', '[{"type":"company.created","timestamp":"x","data":{}}]'],
    ])('refuses the changes of a tenant whose batch holds %s, naming the batch', async (_, events) => {
      const [first] = await appendBatches('tenant-1', 'tenant-1');
      if (first === undefined) throw new Error('appended');
      await damageBatch(first, events);
      expectRefused(
        await thrown(() => repos.directoryApi.outbox.changesSince('tenant-1', 0, 10)),
        `webhook outbox batch ${first}, field events`,
      );
      // Another tenant's feed is not touched.
      await appendBatches('tenant-2');
      expect(await repos.directoryApi.outbox.changesSince('tenant-2', 0, 10)).toHaveLength(1);
    });

    it('reads back both stored shapes', async () => {
      const [seq] = await appendBatches('tenant-1');
      if (seq === undefined) throw new Error('appended');
      const whole = [{ id: 'evt_w', type: 'user.mapped', timestamp: T0, data: { n: 1 } }];
      await damageBatch(seq, JSON.stringify(whole));
      expect((await repos.directoryApi.outbox.changesSince('tenant-1', 0, 10)).map((c) => c.event)).toEqual(
        whole,
      );
    });

    it('skips a damaged batch for good when enqueuing, and delivers the batches around it', async () => {
      await addEndpoint('ep-1', 'tenant-1');
      const [before, bad, after] = await appendBatches('tenant-1', 'tenant-1', 'tenant-1');
      if (bad === undefined) throw new Error('appended');
      await damageBatch(bad);

      const round = await opened.storage.transaction((trx) => trx.directoryApi.deliveries.enqueue(T0, 100));
      expect(round.enqueued).toBe(2);
      expect(round.damaged.map(({ table, id }) => ({ table, id }))).toEqual([
        { table: 'webhook_outbox_batches', id: String(bad) },
      ]);
      expectRefused(round.damaged[0]?.error, `webhook outbox batch ${bad}, field events`);
      expect((await deliveries()).map((d) => Number(d.event_seq))).toEqual([before, after]);
      // The endpoint moved past it: the next round neither meets it nor reports it again.
      const next = await opened.storage.transaction((trx) => trx.directoryApi.deliveries.enqueue(T0, 100));
      expect(next).toEqual({ enqueued: 0, damaged: [] });
    });

    it('fails the deliveries of a batch damaged after they were enqueued, and claims the others', async () => {
      await addEndpoint('ep-1', 'tenant-1');
      const [good, bad] = await appendBatches('tenant-1', 'tenant-1');
      if (bad === undefined) throw new Error('appended');
      await opened.storage.transaction((trx) => trx.directoryApi.deliveries.enqueue(T0, 100));
      await damageBatch(bad);

      const lease = '2030-01-01T00:00:00.000Z';
      const claimed = await opened.storage.transaction((trx) =>
        trx.directoryApi.deliveries.claim('me', T0, lease, 10),
      );
      expect(claimed.records.map((d) => d.endpointId)).toEqual(['ep-1']);
      expect(claimed.damaged.map(({ id }) => id)).toEqual([String(bad)]);
      expect((await deliveries()).map((d) => [Number(d.event_seq), d.status, d.last_error])).toEqual([
        [good, 'pending', null],
        [bad, 'failed', 'the stored event is damaged'],
      ]);
      // Failed, so not claimed again once the lease runs out.
      const again = await opened.storage.transaction((trx) =>
        trx.directoryApi.deliveries.claim('me', '2030-01-01T00:00:01.000Z', '2030-01-02T00:00:00.000Z', 10),
      );
      expect(again.damaged).toEqual([]);
      expect(again.records.map((d) => d.eventId)).toEqual(claimed.records.map((d) => d.eventId));
    });
  });

  describe('the audit log', () => {
    it.each([
      ['malformed JSON', '{"why":'],
      ['not an object', '["approved"]'],
    ])('refuses an entry whose detail holds %s, naming the entry', async (_, detail) => {
      await repos.audit.append({
        id: 'au-1',
        tenantId: 'tenant-1',
        runId: null,
        actorKey: 'system',
        action: 'run.expired',
        detail: { why: 'abandoned' },
        at: T0,
      });
      // Append-only: a damaged entry can only have been written so.
      await opened.db
        .insertInto('audit_log')
        .values({
          id: 'au-2',
          tenant_id: 'tenant-1',
          run_id: null,
          actor_key: 'system',
          action: 'run.expired',
          detail,
          at: T0,
        })
        .execute();
      expectRefused(
        await thrown(() => repos.audit.list('tenant-1', null, 10)),
        'audit entry au-2, field detail',
      );
      expect(await repos.audit.list('tenant-2', null, 10)).toEqual([]);
    });
  });

  describe('the imports of the read API', () => {
    it.each([
      ['result', { result: '{"companiesCreated":"lots"}' }],
      ['provider', { provider: 'halo' }],
    ])('refuses an import whose %s is damaged, naming it', async (field, damage) => {
      await repos.runs.insert(run({ id: 'r-1' }, STATUS_PARTS.applied));
      await opened.db.updateTable('import_runs').set(damage).where('id', '=', 'r-1').execute();
      expectRefused(
        await thrown(() => repos.directoryApi.reads.imports('tenant-1', null, 10)),
        `import r-1, field ${field}`,
      );
    });

    it('refuses a company whose PSA link names an unknown provider, naming the integration', async () => {
      await repos.companies.insertMany('tenant-1', [{ id: 'c-1', name: 'Acme', createdAt: T0 }]);
      await repos.companyMap.upsertMany('int-tenant-1', [
        { psaCompanyId: 7, managedCompanyId: 'c-1', lastImportedAt: T0 },
      ]);
      expect((await repos.directoryApi.reads.companies('tenant-1', null, 10)).items[0]?.psaLinks).toEqual([
        { provider: 'connectwise', psaId: 7, lastImportedAt: T0 },
      ]);
      await opened.db
        .updateTable('integrations')
        .set({ provider: 'halo' })
        .where('id', '=', 'int-tenant-1')
        .execute();
      expectRefused(
        await thrown(() => repos.directoryApi.reads.companies('tenant-1', null, 10)),
        'integration int-tenant-1, field provider',
      );
    });

    it('reads an intact result as stored', async () => {
      await repos.runs.insert(run({ id: 'r-1' }, STATUS_PARTS.applied));
      const page = await repos.directoryApi.reads.imports('tenant-1', null, 10);
      expect(page.items[0]?.result).toEqual(STATUS_PARTS.applied.result);
    });
  });

  describe('closed-set columns of tenants, admins and integrations', () => {
    it('refuses a tenant whose approval policy is unknown, naming it', async () => {
      expect((await repos.tenants.get('tenant-1'))?.approvalPolicy).toBe('second-admin');
      await opened.db
        .updateTable('tenants')
        .set({ approval_policy: 'nobody' })
        .where('id', '=', 'tenant-1')
        .execute();
      expectRefused(
        await thrown(() => repos.tenants.get('tenant-1')),
        'tenant tenant-1, field approval_policy',
      );
      expect((await repos.tenants.get('tenant-2'))?.approvalPolicy).toBe('second-admin');
    });

    it('refuses an admin whose platform is unknown, naming them', async () => {
      await repos.admins.add({
        tenantId: 'tenant-1',
        platform: 'slack',
        userId: 'U1',
        displayName: 'Alice',
        addedBy: 'bootstrap',
        addedAt: T0,
      });
      expect((await repos.admins.list('tenant-1')).map((admin) => admin.platform)).toEqual(['slack']);
      await opened.db.updateTable('admins').set({ platform: 'irc' }).where('user_id', '=', 'U1').execute();
      expectRefused(
        await thrown(() => repos.admins.list('tenant-1')),
        'admin U1 of tenant tenant-1, field platform',
      );
    });

    it('refuses an integration whose provider is unknown, naming it and never its sealed credentials', async () => {
      await opened.db
        .updateTable('integrations')
        .set({ provider: 'halo', sealed_credentials: SEALED })
        .where('id', '=', 'int-tenant-1')
        .execute();
      expectRefused(
        await thrown(() => repos.integrations.get('int-tenant-1')),
        'integration int-tenant-1, field provider',
      );
      expect((await repos.integrations.get('int-tenant-2'))?.provider).toBe('connectwise');
    });
  });

  describe('digest schedules', () => {
    const schedule = (tenantId: string): DigestScheduleRecord => ({
      integrationId: `int-${tenantId}`,
      tenantId,
      provider: 'connectwise',
      schedule: { cadence: 'daily', weekday: 1, minuteOfDay: 540, timeZone: 'UTC' },
      always: false,
      conversation: { platform: 'terminal', data: 'local' },
      setBy: 'Alice',
      setAt: T0,
      nextDueAt: T0,
      lastRunAt: null,
      reportedKeys: ['company:1'],
      reportedFingerprint: 'f',
      reportedAt: T0,
      lastErrorCode: null,
    });

    beforeEach(async () => {
      for (const tenantId of ['tenant-1', 'tenant-2']) await repos.digests.upsert(schedule(tenantId));
    });

    const damage = (values: Partial<Record<'provider' | 'cadence' | 'conversation_platform', string>>) =>
      opened.db
        .updateTable('digest_schedules')
        .set(values)
        .where('integration_id', '=', 'int-tenant-1')
        .execute();

    it('reads damaged reported keys as none, so the scheduler reports again and reads the others', async () => {
      await opened.db
        .updateTable('digest_schedules')
        .set({ reported_keys: '["company:1"' })
        .where('integration_id', '=', 'int-tenant-1')
        .execute();
      const due = await repos.digests.listDue('2030-01-01T00:00:00.000Z');
      const read = due.records.map((d) => [d.integrationId, d.reportedKeys]).sort();
      expect(read).toEqual([
        ['int-tenant-1', null],
        ['int-tenant-2', ['company:1']],
      ]);
      expect(due.damaged).toEqual([]);
    });

    it.each([
      ['provider', () => damage({ provider: 'halo' })],
      ['cadence', () => damage({ cadence: 'monthly' })],
      ['conversation_platform', () => damage({ conversation_platform: 'irc' })],
      [
        'weekday',
        () =>
          opened.db
            .updateTable('digest_schedules')
            .set({ weekday: 7 })
            .where('integration_id', '=', 'int-tenant-1')
            .execute(),
      ],
    ])(
      'refuses a schedule whose %s is outside its set, and the scheduler skips only it',
      async (field, harm) => {
        await harm();
        const hint = `digest schedule int-tenant-1, field ${field}`;
        expectRefused(await thrown(() => repos.digests.get('int-tenant-1')), hint);
        expectRefused(await thrown(() => repos.digests.listByTenant('tenant-1')), hint);
        expect(await repos.digests.listByTenant('tenant-2')).toEqual([schedule('tenant-2')]);

        const due = await repos.digests.listDue('2030-01-01T00:00:00.000Z');
        expect(due.records.map((d) => d.integrationId)).toEqual(['int-tenant-2']);
        expect(due.damaged.map(({ table, id }) => ({ table, id }))).toEqual([
          { table: 'digest_schedules', id: 'int-tenant-1' },
        ]);
        expectRefused(due.damaged[0]?.error, hint);
      },
    );

    it('refuses a digest log entry whose provider is unknown, naming it', async () => {
      const same = { tenantId: 'tenant-1', integrationId: 'int-tenant-1', at: T0, errorCode: null } as const;
      await repos.digests.appendLog({
        ...same,
        id: 'log-1',
        provider: 'connectwise',
        outcome: 'no-changes',
        changes: 0,
        fingerprint: null,
      });
      await repos.digests.appendLog({
        ...same,
        id: 'log-2',
        provider: 'autotask',
        outcome: 'changes',
        changes: 2,
        fingerprint: 'f',
      });
      await opened.db.updateTable('digest_log').set({ provider: 'halo' }).where('id', '=', 'log-2').execute();
      expectRefused(
        await thrown(() => repos.digests.listLog('tenant-1', 10)),
        'digest log entry log-2, field provider',
      );
      expect(await repos.digests.listLog('tenant-2', 10)).toEqual([]);
    });
  });
});
