import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactRow } from '../../../src/domain/plan-model.js';
import type { Review } from '../../../src/domain/review.js';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at, run, seedTenant } from './storage-fixtures.js';

const review: Review = {
  inPsa: [
    {
      company: {
        psaId: 1,
        name: 'Acme, Inc.',
        nameCut: false,
        typeNames: ['Client'],
        statusName: 'Active',
        active: true,
        updatedAt: null,
      },
      status: 'potential-duplicate',
      mappedTo: null,
      candidates: [
        { companyId: 'c1', companyName: 'ACME Inc', reason: 'same as "ACME Inc" after removing "Inc."' },
      ],
      lastImportedAt: null,
    },
  ],
  notInPsa: [],
};
const contacts: ContactRow[] = [
  {
    contact: {
      psaId: 5,
      companyPsaId: 1,
      firstName: 'Zoë',
      lastName: "O'Hara",
      emails: ['zoe@x.test'],
      active: true,
      typeNames: ['Primary'],
    },
    companyName: 'Acme & Co "quoted"',
    email: 'zoe@x.test',
    linkedUser: null,
    sameEmailUser: null,
    ineligible: null,
  },
];

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
      review,
      contacts,
      thread: { platform: 'slack', data: '{"channel":"C1","ts":"1.2"}' },
      overrides: { companies: { '1': { kind: 'map', companyId: 'c1' } }, users: { '5': { kind: 'skip' } } },
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
    const original = run({ review, contacts });
    await repos.runs.insert(original);
    const moved = await repos.runs.update(
      original,
      { status: 'reviewing-companies', requestCount: 3 },
      at(2),
    );
    expect(moved).toEqual(
      run({ review, contacts, status: 'reviewing-companies', requestCount: 3, version: 2, updatedAt: at(2) }),
    );
    expect(moved).toEqual(await repos.runs.get('run-1'));
    expect(await repos.runs.update(original, { status: 'cancelled' }, at(3))).toBeNull();
    expect(
      await repos.runs.update({ ...original, id: 'missing' }, { status: 'cancelled' }, at(3)),
    ).toBeNull();

    if (moved === null) throw new Error('the first update must win');
    const cleared = await repos.runs.update(moved, { contacts: null, thread: null }, at(4));
    expect(cleared?.contacts).toBeNull();
    expect(cleared?.review).toEqual(review);
    expect(cleared).toEqual(await repos.runs.get('run-1'));
    expect((await repos.runs.get('run-1'))?.version).toBe(3);
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

  it('lists recent runs newest first, without the snapshots', async () => {
    await repos.runs.insert(run({ id: 'r-old', createdAt: at(1), review, contacts }));
    await repos.runs.insert(run({ id: 'r-new', createdAt: at(3), review, contacts, status: 'applied' }));
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
    await repos.runs.insert(run({ id: 'c', status: 'pending-approval', createdAt: at(3), review }));
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
    expect(open[1]?.review).toEqual(review);
    expect((await repos.runs.listAllOpen()).map((r) => r.id)).toEqual(['d', 'a', 'c']);
  });
});
