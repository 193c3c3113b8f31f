import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import type { RunStatusPart } from '../../../src/domain/run.js';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at, run, STATUS_PARTS, seedTenant } from './storage-fixtures.js';

describe.each(storageDialects())('import runs on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos);
  });

  const full = {
    thread: { platform: 'slack', data: '{"channel":"C1","ts":"1.2"}' },
    skipped: {
      companies: 1,
      contacts: 1,
      first: [
        { entity: 'company', psaId: 17, reason: 'unexpected data' },
        { entity: 'contact', psaId: null, reason: 'x' },
      ],
    },
    requestCount: 12,
  } as const;

  it.each(Object.values(STATUS_PARTS))('stores and reads back a $status run, every field', async (part) => {
    const stored = run(full, part);
    await repos.runs.insert(stored);
    expect(await repos.runs.get('run-1')).toEqual(stored);
    expect(await repos.runs.get('missing')).toBeNull();
  });

  it('tells a plan of companies only from one with users', async () => {
    const companiesOnly = run({}, { ...STATUS_PARTS['pending-approval'], contacts: { kind: 'not-fetched' } });
    const withoutTypes = run(
      { id: 'run-2' },
      { ...STATUS_PARTS['pending-approval'], contacts: { kind: 'fetched', contactTypes: [] } },
    );
    await repos.runs.insert(companiesOnly);
    await repos.runs.insert(withoutTypes);
    expect(await repos.runs.get('run-1')).toEqual(companiesOnly);
    expect(await repos.runs.get('run-2')).toEqual(withoutTypes);
  });

  it('updates only the patched fields, bumps the version, and refuses a stale version', async () => {
    const original = run({}, STATUS_PARTS['reviewing-users']);
    await repos.runs.insert(original);
    const moved = await repos.runs.update(original, { requestCount: 3 }, at(2));
    expect(moved).toEqual(
      run({ requestCount: 3, version: 2, updatedAt: at(2) }, STATUS_PARTS['reviewing-users']),
    );
    expect(moved).toEqual(await repos.runs.get('run-1'));
    expect(await repos.runs.update(original, { requestCount: 4 }, at(3))).toBeNull();
    expect(await repos.runs.update({ ...original, id: 'missing' }, { requestCount: 4 }, at(3))).toBeNull();
  });

  it('replaces the status part whole on a transition, keeping the base', async () => {
    const original = run({ thread: full.thread }, STATUS_PARTS['reviewing-users']);
    await repos.runs.insert(original);
    const back = await repos.runs.update(original, { status: 'reviewing-companies', requestCount: 5 }, at(2));
    expect(back).toEqual(
      run(
        { thread: full.thread, requestCount: 5, version: 2, updatedAt: at(2) },
        STATUS_PARTS['reviewing-companies'],
      ),
    );
    expect(back).toEqual(await repos.runs.get('run-1'));
    if (back === null) throw new Error('the transition must win');
    const failed = await repos.runs.update(back, STATUS_PARTS.failed, at(3));
    expect(failed).toEqual(await repos.runs.get('run-1'));
    expect(failed).toMatchObject({
      status: 'failed',
      failureCode: 'psa_timeout',
      requestCount: 5,
      version: 3,
    });
    expect(failed).not.toHaveProperty('contacts');
  });

  const damagedColumns: readonly {
    readonly column: string;
    readonly part: RunStatusPart;
    readonly value: Record<string, string | null>;
  }[] = [
    { column: 'filter', part: STATUS_PARTS.fetching, value: { filter: '{"typeIds":5}' } },
    { column: 'filter', part: STATUS_PARTS.fetching, value: { filter: '{not json' } },
    { column: 'thread', part: STATUS_PARTS.fetching, value: { thread: '{"platform":"irc","data":"x"}' } },
    { column: 'skipped', part: STATUS_PARTS.fetching, value: { skipped: '{"companies":-1}' } },
    { column: 'contact_types', part: STATUS_PARTS['reviewing-users'], value: { contact_types: '[1,2]' } },
    { column: 'result', part: STATUS_PARTS.applied, value: { result: '{"companiesCreated":"many"}' } },
    { column: 'result', part: STATUS_PARTS.applied, value: { result: null } },
    { column: 'approver_name', part: STATUS_PARTS.rejected, value: { approver_name: null } },
    { column: 'submitted_at', part: STATUS_PARTS['pending-approval'], value: { submitted_at: null } },
    { column: 'failure_code', part: STATUS_PARTS.failed, value: { failure_code: 'no_such_code' } },
    { column: 'status', part: STATUS_PARTS.fetching, value: { status: 'half-done' } },
    { column: 'provider', part: STATUS_PARTS.fetching, value: { provider: 'nope-psa' } },
  ];

  it.each(damagedColumns)(
    'refuses a stored $column that does not hold what it should',
    async ({ column, part, value }) => {
      await repos.runs.insert(run({}, part));
      await opened.db.updateTable('import_runs').set(value).where('id', '=', 'run-1').execute();
      const refused = await repos.runs.get('run-1').then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({
        code: 'stored_data_invalid',
        details: { hint: `import run-1, field ${column}` },
      });
      // Every list that meets the row says the same, never a raw parse error.
      await expect(repos.runs.listRecent('tenant-1', 5)).rejects.toMatchObject({
        code: 'stored_data_invalid',
      });
    },
  );

  it('lets exactly one of 50 concurrent updates with the same version through', async () => {
    const original = run();
    await repos.runs.insert(original);
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => repos.runs.update(original, { requestCount: i + 1 }, at(1))),
    );
    const winners = outcomes.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const stored = await repos.runs.get('run-1');
    expect(stored?.version).toBe(2);
    expect(stored?.requestCount).toBe(winners[0]?.requestCount);
  });

  it('lists recent runs newest first', async () => {
    await repos.runs.insert(run({ id: 'r-old', createdAt: at(1) }));
    await repos.runs.insert(run({ id: 'r-new', createdAt: at(3) }, STATUS_PARTS.applied));
    await repos.runs.insert(run({ id: 'r-mid', createdAt: at(2) }));
    const recent = await repos.runs.listRecent('tenant-1', 2);
    expect(recent.map((r) => r.id)).toEqual(['r-new', 'r-mid']);
    expect(recent[0]).toEqual(run({ id: 'r-new', createdAt: at(3) }, STATUS_PARTS.applied));
    expect(await repos.runs.listRecent('tenant-2', 10)).toEqual([]);
  });

  it('lists open runs per integration and across tenants', async () => {
    await seedTenant(repos, 'tenant-2');
    await repos.runs.insert(run({ id: 'a', createdAt: at(1) }, STATUS_PARTS['reviewing-users']));
    await repos.runs.insert(run({ id: 'b', createdAt: at(2) }, STATUS_PARTS.applied));
    await repos.runs.insert(run({ id: 'c', createdAt: at(3) }, STATUS_PARTS['pending-approval']));
    await repos.runs.insert(
      run({
        id: 'd',
        tenantId: 'tenant-2',
        integrationId: 'int-tenant-2',
        createdAt: at(0),
      }),
    );
    for (const status of ['rejected', 'cancelled', 'expired', 'failed'] as const) {
      await repos.runs.insert(run({ id: status }, STATUS_PARTS[status]));
    }
    const open = await repos.runs.listOpen('int-tenant-1');
    expect(open.map((r) => r.id)).toEqual(['a', 'c']);
    expect(open[1]?.status).toBe('pending-approval');
    expect((await repos.runs.listAllOpen()).records.map((r) => r.id)).toEqual(['d', 'a', 'c']);
  });
});
