import { beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at, run, seedTenant } from './storage-fixtures.js';

describe.each(storageDialects())('import runs on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos);
  });

  it('stores and reads back every field, JSON included', async () => {
    const full = run({
      thread: { platform: 'slack', data: '{"channel":"C1","ts":"1.2"}' },
      skipped: {
        companies: 1,
        contacts: 1,
        first: [
          { entity: 'company', psaId: 17, reason: 'unexpected data' },
          { entity: 'contact', psaId: null, reason: 'x' },
        ],
      },
      contactTypes: ['Billing', 'Primary'],
      submittedAt: at(1),
      approvalExpiresAt: at(60),
      approverKey: 'slack:U2',
      approverName: 'Bob',
      rejectReason: 'nope',
      result: {
        companiesCreated: 1,
        companiesMapped: 0,
        companiesUnmapped: 0,
        companiesKept: 0,
        usersImported: 2,
        usersMapped: 0,
        usersKept: 0,
        errors: [{ subject: 'Acme', message: 'x' }],
      },
      requestCount: 12,
      failureCode: 'psa_timeout',
    });
    await repos.runs.insert(full);
    expect(await repos.runs.get('run-1')).toEqual(full);
    expect(await repos.runs.get('missing')).toBeNull();
  });

  it('updates only the patched fields, bumps the version, and refuses a stale version', async () => {
    const original = run({ contactTypes: ['Primary'] });
    await repos.runs.insert(original);
    const moved = await repos.runs.update(
      original,
      { status: 'reviewing-companies', requestCount: 3 },
      at(2),
    );
    expect(moved).toEqual(
      run({
        contactTypes: ['Primary'],
        status: 'reviewing-companies',
        requestCount: 3,
        version: 2,
        updatedAt: at(2),
      }),
    );
    expect(moved).toEqual(await repos.runs.get('run-1'));
    expect(await repos.runs.update(original, { status: 'cancelled' }, at(3))).toBeNull();
    expect(
      await repos.runs.update({ ...original, id: 'missing' }, { status: 'cancelled' }, at(3)),
    ).toBeNull();

    if (moved === null) throw new Error('the first update must win');
    const cleared = await repos.runs.update(moved, { contactTypes: null, thread: null }, at(4));
    expect(cleared?.contactTypes).toBeNull();
    expect(cleared?.filter).toEqual(original.filter);
    expect(cleared).toEqual(await repos.runs.get('run-1'));
    expect((await repos.runs.get('run-1'))?.version).toBe(3);
  });

  it('refuses a stored JSON column that does not hold what it should', async () => {
    await repos.runs.insert(run());
    await opened.db.updateTable('import_runs').set({ filter: '{"typeIds":5}' }).execute();
    await expect(repos.runs.get('run-1')).rejects.toThrow();
  });

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
    await repos.runs.insert(run({ id: 'r-new', createdAt: at(3), status: 'applied' }));
    await repos.runs.insert(run({ id: 'r-mid', createdAt: at(2) }));
    const recent = await repos.runs.listRecent('tenant-1', 2);
    expect(recent.map((r) => r.id)).toEqual(['r-new', 'r-mid']);
    expect(recent[0]).toEqual(run({ id: 'r-new', createdAt: at(3), status: 'applied' }));
    expect(await repos.runs.listRecent('tenant-2', 10)).toEqual([]);
  });

  it('lists open runs per integration and across tenants', async () => {
    await seedTenant(repos, 'tenant-2');
    await repos.runs.insert(run({ id: 'a', status: 'reviewing-users', createdAt: at(1) }));
    await repos.runs.insert(run({ id: 'b', status: 'applied', createdAt: at(2) }));
    await repos.runs.insert(run({ id: 'c', status: 'pending-approval', createdAt: at(3) }));
    await repos.runs.insert(
      run({
        id: 'd',
        tenantId: 'tenant-2',
        integrationId: 'int-tenant-2',
        status: 'fetching',
        createdAt: at(0),
      }),
    );
    for (const status of ['rejected', 'cancelled', 'expired', 'failed'] as const) {
      await repos.runs.insert(run({ id: status, status }));
    }
    const open = await repos.runs.listOpen('int-tenant-1');
    expect(open.map((r) => r.id)).toEqual(['a', 'c']);
    expect(open[1]?.status).toBe('pending-approval');
    expect((await repos.runs.listAllOpen()).map((r) => r.id)).toEqual(['d', 'a', 'c']);
  });
});
