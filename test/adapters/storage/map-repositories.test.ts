import { beforeEach, describe, expect, it } from 'vitest';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { at, integration, seedTenant, T0 } from './storage-fixtures.js';

describe.each(storageDialects())('company and contact maps on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos);
    await repos.integrations.upsert({ ...integration(), id: 'int-2', provider: 'autotask' });
    await repos.companies.insertMany('tenant-1', [
      { id: 'c1', name: 'One', createdAt: T0 },
      { id: 'c2', name: 'Two', createdAt: T0 },
    ]);
    await repos.users.insertMany('tenant-1', [
      { id: 'u1', companyId: 'c1', email: 'a@one.test', displayName: 'A' },
      { id: 'u2', companyId: 'c2', email: 'b@two.test', displayName: 'B' },
    ]);
  });

  it("lists a tenant's integrations, and only that tenant's", async () => {
    await seedTenant(repos, 'tenant-2');
    const listed = await repos.integrations.listForTenant('tenant-1');
    expect(listed.map((found) => `${found.id} ${found.provider}`).sort()).toEqual([
      'int-2 autotask',
      'int-tenant-1 connectwise',
    ]);
    expect((await repos.integrations.listForTenant('tenant-2')).map((found) => found.id)).toEqual([
      'int-tenant-2',
    ]);
    expect(await repos.integrations.listForTenant('tenant-none')).toEqual([]);
  });

  it('keeps one company link per (integration, PSA id): a second upsert replaces it', async () => {
    await repos.companyMap.upsertMany('int-tenant-1', [
      { psaCompanyId: 20, managedCompanyId: 'c2', lastImportedAt: T0 },
      { psaCompanyId: 10, managedCompanyId: 'c1', lastImportedAt: T0 },
    ]);
    await repos.companyMap.upsertMany('int-tenant-1', [
      { psaCompanyId: 10, managedCompanyId: 'c2', lastImportedAt: at(5) },
    ]);
    await repos.companyMap.upsertMany('int-2', [
      { psaCompanyId: 10, managedCompanyId: 'c1', lastImportedAt: T0 },
    ]);
    expect(await repos.companyMap.list('int-tenant-1')).toEqual([
      { psaCompanyId: 10, managedCompanyId: 'c2', lastImportedAt: at(5) },
      { psaCompanyId: 20, managedCompanyId: 'c2', lastImportedAt: T0 },
    ]);
    expect(await repos.companyMap.list('int-2')).toEqual([
      { psaCompanyId: 10, managedCompanyId: 'c1', lastImportedAt: T0 },
    ]);
  });

  it('keeps the last of repeated PSA ids within one call', async () => {
    await repos.companyMap.upsertMany('int-tenant-1', [
      { psaCompanyId: 10, managedCompanyId: 'c1', lastImportedAt: T0 },
      { psaCompanyId: 10, managedCompanyId: 'c2', lastImportedAt: at(1) },
    ]);
    expect(await repos.companyMap.list('int-tenant-1')).toEqual([
      { psaCompanyId: 10, managedCompanyId: 'c2', lastImportedAt: at(1) },
    ]);
  });

  it('keeps 64-bit PSA ids (Autotask ids are int64)', async () => {
    const big = 2 ** 40 + 7;
    await repos.companyMap.upsertMany('int-tenant-1', [
      { psaCompanyId: big, managedCompanyId: 'c1', lastImportedAt: T0 },
    ]);
    await repos.contactMap.upsertMany('int-tenant-1', [
      { psaContactId: big, managedUserId: 'u1', lastImportedAt: T0 },
    ]);
    expect((await repos.companyMap.list('int-tenant-1'))[0]?.psaCompanyId).toBe(big);
    expect((await repos.contactMap.list('int-tenant-1'))[0]?.psaContactId).toBe(big);
  });

  it('refuses a company link to a managed company that does not exist', async () => {
    await expect(
      repos.companyMap.upsertMany('int-tenant-1', [
        { psaCompanyId: 1, managedCompanyId: 'ghost', lastImportedAt: T0 },
      ]),
    ).rejects.toThrow();
  });

  it('keeps one contact link per (integration, PSA id): a second upsert replaces it', async () => {
    await repos.contactMap.upsertMany('int-tenant-1', [
      { psaContactId: 7, managedUserId: 'u1', lastImportedAt: T0 },
    ]);
    await repos.contactMap.upsertMany('int-tenant-1', [
      { psaContactId: 7, managedUserId: 'u2', lastImportedAt: at(3) },
      { psaContactId: 8, managedUserId: 'u1', lastImportedAt: at(3) },
      { psaContactId: 8, managedUserId: 'u2', lastImportedAt: at(4) },
    ]);
    expect(await repos.contactMap.list('int-tenant-1')).toEqual([
      { psaContactId: 7, managedUserId: 'u2', lastImportedAt: at(3) },
      { psaContactId: 8, managedUserId: 'u2', lastImportedAt: at(4) },
    ]);
    expect(await repos.contactMap.list('int-2')).toEqual([]);
  });

  it('refuses a contact link to a user that does not exist', async () => {
    await expect(
      repos.contactMap.upsertMany('int-tenant-1', [
        { psaContactId: 1, managedUserId: 'ghost', lastImportedAt: T0 },
      ]),
    ).rejects.toThrow();
  });
});
