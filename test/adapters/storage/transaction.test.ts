import { beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { run, seedTenant, T0 } from './storage-fixtures.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const dialects = storageDialects();

describe.each(dialects)('transactions on $name', (dialect) => {
  let opened: TestStorage;
  let storage: Storage;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    storage = opened.storage;
    await seedTenant(storage.repos);
  });

  it('commits every write of the work and returns its value', async () => {
    const value = await storage.transaction(async (repos) => {
      await repos.companies.insertMany('tenant-1', [{ id: 'c1', name: 'One', createdAt: T0 }]);
      await repos.licences.addUsed('tenant-1', 1);
      return 'done';
    });
    expect(value).toBe('done');
    expect(await storage.repos.companies.count('tenant-1')).toBe(1);
    expect(await storage.repos.licences.get('tenant-1')).toEqual({ total: 0, used: 1 });
  });

  it('rolls back everything when the work throws', async () => {
    const failure = new Error('boom');
    await expect(
      storage.transaction(async (repos) => {
        await repos.companies.insertMany('tenant-1', [{ id: 'c1', name: 'One', createdAt: T0 }]);
        await repos.users.insertMany('tenant-1', [
          { id: 'u1', companyId: 'c1', email: 'a@b.c', displayName: 'A' },
        ]);
        await repos.companyMap.upsertMany('int-tenant-1', [
          { psaCompanyId: 1, managedCompanyId: 'c1', lastImportedAt: T0 },
        ]);
        await repos.licences.addUsed('tenant-1', 1);
        await repos.runs.insert(run());
        await repos.audit.append({
          id: 'e1',
          tenantId: 'tenant-1',
          runId: null,
          actorKey: 'system',
          action: 'x',
          detail: {},
          at: T0,
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await storage.repos.companies.count('tenant-1')).toBe(0);
    expect(await storage.repos.users.listAll('tenant-1')).toEqual([]);
    expect(await storage.repos.companyMap.list('int-tenant-1')).toEqual([]);
    expect(await storage.repos.licences.get('tenant-1')).toEqual({ total: 0, used: 0 });
    expect(await storage.repos.runs.get('run-1')).toBeNull();
    expect(await storage.repos.audit.list('tenant-1', null, 10)).toEqual([]);
  });

  it('rolls back a batch whose later row violates a constraint', async () => {
    await storage.repos.companies.insertMany('tenant-1', [{ id: 'c1', name: 'One', createdAt: T0 }]);
    await storage.repos.users.insertMany('tenant-1', [
      { id: 'u0', companyId: 'c1', email: 'x@y.z', displayName: 'X' },
    ]);
    await expect(
      storage.transaction(async (repos) => {
        await repos.companies.insertMany('tenant-1', [{ id: 'c2', name: 'Two', createdAt: T0 }]);
        await repos.users.insertMany('tenant-1', [
          { id: 'u1', companyId: 'c2', email: 'new@y.z', displayName: 'N' },
          { id: 'u2', companyId: 'c2', email: 'X@Y.Z', displayName: 'Dup' },
        ]);
      }),
    ).rejects.toThrow();
    expect((await storage.repos.companies.listAll('tenant-1')).map((c) => c.id)).toEqual(['c1']);
    expect((await storage.repos.users.listAll('tenant-1')).map((u) => u.id)).toEqual(['u0']);
  });

  it('writes batches larger than one statement may bind, inside one transaction', async () => {
    // Above the per-statement parameter budget of both dialects for every table involved.
    const companyCount = 14_000;
    const userCount = 17_000;
    const companies = Array.from({ length: companyCount }, (_, i) => ({
      id: `c${i}`,
      name: `Company ${i}`,
      createdAt: T0,
    }));
    const users = Array.from({ length: userCount }, (_, i) => ({
      id: `u${i}`,
      companyId: `c${i % companyCount}`,
      email: `User${i}@Example.test`,
      displayName: `User ${i}`,
    }));
    await storage.transaction(async (repos) => {
      await repos.companies.insertMany('tenant-1', companies);
      await repos.users.insertMany('tenant-1', users);
      await repos.companyMap.upsertMany(
        'int-tenant-1',
        companies.map((c, i) => ({ psaCompanyId: i + 1, managedCompanyId: c.id, lastImportedAt: T0 })),
      );
      await repos.contactMap.upsertMany(
        'int-tenant-1',
        users.map((u, i) => ({ psaContactId: i + 1, managedUserId: u.id, lastImportedAt: T0 })),
      );
    });
    expect(await storage.repos.companies.count('tenant-1')).toBe(companyCount);
    expect(await storage.repos.users.listAll('tenant-1')).toHaveLength(userCount);
    expect(await storage.repos.companyMap.list('int-tenant-1')).toHaveLength(companyCount);
    expect(await storage.repos.contactMap.list('int-tenant-1')).toHaveLength(userCount);
    const lookups = [
      ...users.map((u) => u.email.toUpperCase()),
      ...Array.from({ length: 20_000 }, (_, i) => `nobody${i}@example.test`),
    ];
    expect(await storage.repos.users.findByEmails('tenant-1', lookups)).toHaveLength(userCount);
  });
});

describe.each(dialects.filter((d) => d.name === 'sqlite'))(
  'transactions on the single $name connection',
  (dialect) => {
    let opened: TestStorage;
    const current = useTestStorage(dialect);
    beforeEach(async () => {
      opened = current();
      await seedTenant(opened.storage.repos);
    });

    it('serializes concurrent transactions, so read-modify-write loses nothing', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          opened.storage.transaction(async (repos) => {
            const pool = await repos.licences.get('tenant-1');
            await tick();
            await repos.licences.setTotal('tenant-1', pool.total + 1);
          }),
        ),
      );
      expect((await opened.storage.repos.licences.get('tenant-1')).total).toBe(20);
    });

    it('makes a query outside a transaction wait for it instead of joining it', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const writing = opened.storage.transaction(async (repos) => {
        await repos.companies.insertMany('tenant-1', [{ id: 'c1', name: 'One', createdAt: T0 }]);
        await gate;
        throw new Error('roll back');
      });
      await tick();
      // Had it run on the shared connection inside the open transaction, it would count 1.
      const reading = opened.storage.repos.companies.count('tenant-1');
      release();
      await expect(writing).rejects.toThrow('roll back');
      expect(await reading).toBe(0);
    });
  },
);
