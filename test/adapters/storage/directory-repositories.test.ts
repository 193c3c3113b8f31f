import { beforeEach, describe, expect, it } from 'vitest';
import type { ManagedCompany, ManagedUser } from '../../../src/domain/directory.js';
import { AppError } from '../../../src/domain/errors.js';
import type { Repositories } from '../../../src/ports/storage.js';
import { storageDialects, type TestStorage, useTestStorage } from '../../support/storage-dialects.js';
import { integration, seedTenant, T0, tenant } from './storage-fixtures.js';

const company = (id: string, name: string): ManagedCompany => ({ id, name, createdAt: T0 });
const user = (id: string, companyId: string, email: string): ManagedUser => ({
  id,
  companyId,
  email,
  displayName: `User ${id}`,
});

describe.each(storageDialects())('directory repositories on $name', (dialect) => {
  let opened: TestStorage;
  let repos: Repositories;
  const current = useTestStorage(dialect);
  beforeEach(async () => {
    opened = current();
    repos = opened.storage.repos;
    await seedTenant(repos);
  });

  describe('tenants', () => {
    it('finds a tenant by a linked workspace, and links idempotently', async () => {
      expect(await repos.tenants.findByWorkspace('slack', 'T123')).toBeNull();
      await repos.tenants.linkWorkspace('tenant-1', 'slack', 'T123');
      await repos.tenants.linkWorkspace('tenant-1', 'slack', 'T123');
      expect(await repos.tenants.findByWorkspace('slack', 'T123')).toEqual(tenant());
      expect(await repos.tenants.findByWorkspace('teams', 'T123')).toBeNull();
    });

    it('refuses to move a workspace to another tenant', async () => {
      await repos.tenants.insert(tenant('tenant-2'));
      await repos.tenants.linkWorkspace('tenant-1', 'slack', 'T123');
      await expect(repos.tenants.linkWorkspace('tenant-2', 'slack', 'T123')).rejects.toBeInstanceOf(AppError);
      expect((await repos.tenants.findByWorkspace('slack', 'T123'))?.id).toBe('tenant-1');
    });

    it('gets a tenant and changes its approval policy', async () => {
      expect(await repos.tenants.get('nope')).toBeNull();
      await repos.tenants.setApprovalPolicy('tenant-1', 'self');
      expect((await repos.tenants.get('tenant-1'))?.approvalPolicy).toBe('self');
    });
  });

  describe('admins', () => {
    const alice = {
      tenantId: 'tenant-1',
      platform: 'slack' as const,
      userId: 'U1',
      displayName: 'Alice',
      addedBy: 'bootstrap',
      addedAt: T0,
    };

    it('adds idempotently, finds, lists and removes', async () => {
      await repos.admins.add(alice);
      await repos.admins.add({ ...alice, displayName: 'Alice again' });
      await repos.admins.add({
        ...alice,
        userId: 'U2',
        displayName: 'Bob',
        addedAt: '2025-03-02T00:00:00.000Z',
      });
      expect(await repos.admins.find('tenant-1', 'slack', 'U1')).toEqual(alice);
      expect(await repos.admins.find('tenant-1', 'teams', 'U1')).toBeNull();
      expect((await repos.admins.list('tenant-1')).map((a) => a.displayName)).toEqual(['Alice', 'Bob']);
      expect(await repos.admins.remove('tenant-1', 'slack', 'U1')).toBe(true);
      expect(await repos.admins.remove('tenant-1', 'slack', 'U1')).toBe(false);
      expect((await repos.admins.list('tenant-1')).map((a) => a.userId)).toEqual(['U2']);
    });
  });

  describe('integrations', () => {
    it('finds by tenant and provider, and replaces the credentials of the same integration', async () => {
      const record = integration();
      expect(await repos.integrations.find('tenant-1', 'connectwise')).toEqual(record);
      expect(await repos.integrations.find('tenant-1', 'autotask')).toBeNull();
      await repos.integrations.upsert({
        ...record,
        sealedCredentials: 'new',
        updatedAt: '2025-04-01T00:00:00.000Z',
      });
      expect(await repos.integrations.get(record.id)).toEqual({
        ...record,
        sealedCredentials: 'new',
        updatedAt: '2025-04-01T00:00:00.000Z',
      });
    });

    it('refuses credentials for the same (tenant, provider) under another id', async () => {
      await expect(repos.integrations.upsert({ ...integration(), id: 'other' })).rejects.toBeInstanceOf(
        AppError,
      );
      expect(await repos.integrations.get('other')).toBeNull();
    });
  });

  describe('managed companies', () => {
    beforeEach(async () => {
      await repos.tenants.insert(tenant('tenant-2'));
      await repos.companies.insertMany('tenant-1', [
        company('c1', 'Beta Corp'),
        company('c2', 'acme, Inc.'),
        company('c3', 'École Acme'),
        company('c4', '100% Pure_Water'),
        company('c5', '100 Percent'),
      ]);
      await repos.companies.insertMany('tenant-2', [company('c9', 'Acme Elsewhere')]);
    });

    it('lists, gets and counts per tenant, ordered by name case-insensitively', async () => {
      expect((await repos.companies.listAll('tenant-1')).map((c) => c.name)).toEqual([
        '100 Percent',
        '100% Pure_Water',
        'acme, Inc.',
        'Beta Corp',
        'École Acme',
      ]);
      expect(await repos.companies.get('tenant-1', 'c2')).toEqual(company('c2', 'acme, Inc.'));
      expect(await repos.companies.get('tenant-2', 'c2')).toBeNull();
      expect(await repos.companies.count('tenant-1')).toBe(5);
      expect(await repos.companies.count('tenant-2')).toBe(1);
    });

    it('searches a case- and accent-insensitive substring, within the tenant, up to the limit', async () => {
      expect((await repos.companies.search('tenant-1', 'ACME', 10)).map((c) => c.id)).toEqual(['c2', 'c3']);
      expect((await repos.companies.search('tenant-1', 'école', 10)).map((c) => c.id)).toEqual(['c3']);
      expect((await repos.companies.search('tenant-1', 'ecole', 10)).map((c) => c.id)).toEqual(['c3']);
      expect((await repos.companies.search('tenant-1', 'acme', 1)).map((c) => c.id)).toEqual(['c2']);
    });

    it('takes LIKE wildcards in the search text literally', async () => {
      expect((await repos.companies.search('tenant-1', '%', 10)).map((c) => c.id)).toEqual(['c4']);
      expect((await repos.companies.search('tenant-1', '_', 10)).map((c) => c.id)).toEqual(['c4']);
      expect((await repos.companies.search('tenant-1', '0 p', 10)).map((c) => c.id)).toEqual(['c5']);
      expect(await repos.companies.search('tenant-1', '\\', 10)).toEqual([]);
    });
  });

  describe('managed users', () => {
    beforeEach(async () => {
      await repos.companies.insertMany('tenant-1', [company('c1', 'One'), company('c2', 'Two')]);
      await repos.users.insertMany('tenant-1', [
        user('u1', 'c1', 'Ann@Example.com'),
        user('u2', 'c1', 'bob@example.com'),
        user('u3', 'c2', 'cy@example.com'),
      ]);
    });

    it('lists, lists by company and gets', async () => {
      expect((await repos.users.listAll('tenant-1')).map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
      expect((await repos.users.listByCompany('tenant-1', 'c1')).map((u) => u.id)).toEqual(['u1', 'u2']);
      expect(await repos.users.get('tenant-1', 'u1')).toEqual(user('u1', 'c1', 'Ann@Example.com'));
      expect(await repos.users.get('tenant-2', 'u1')).toBeNull();
    });

    it('finds by email case-insensitively and keeps the stored spelling', async () => {
      const found = await repos.users.findByEmails('tenant-1', [
        'ANN@example.COM',
        'cy@EXAMPLE.com',
        'zed@x.io',
      ]);
      expect(found.map((u) => u.email).sort()).toEqual(['Ann@Example.com', 'cy@example.com']);
      expect(await repos.users.findByEmails('tenant-1', [])).toEqual([]);
    });

    it('rejects a second user with the same email in another case', async () => {
      await expect(
        repos.users.insertMany('tenant-1', [user('u4', 'c2', 'ann@EXAMPLE.com')]),
      ).rejects.toThrow();
      expect(await repos.users.get('tenant-1', 'u4')).toBeNull();
    });

    it('rejects a user whose company belongs to another tenant', async () => {
      await repos.tenants.insert(tenant('tenant-2'));
      await expect(
        repos.users.insertMany('tenant-2', [user('u5', 'c1', 'dan@example.com')]),
      ).rejects.toThrow();
    });
  });

  describe('licences', () => {
    it('starts empty, sets the total and adds usage without losing increments', async () => {
      expect(await repos.licences.get('tenant-1')).toEqual({ total: 0, used: 0 });
      await repos.licences.setTotal('tenant-1', 100);
      await Promise.all(Array.from({ length: 20 }, () => repos.licences.addUsed('tenant-1', 2)));
      await repos.licences.setTotal('tenant-1', 120);
      expect(await repos.licences.get('tenant-1')).toEqual({ total: 120, used: 40 });
    });
  });
});
