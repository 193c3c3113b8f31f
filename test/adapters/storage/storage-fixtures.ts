import type { ImportRun } from '../../../src/domain/run.js';
import type { IntegrationRecord, Repositories, Tenant } from '../../../src/ports/storage.js';

export const T0 = '2025-03-01T10:00:00.000Z';

/** ISO time `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

export function tenant(id = 'tenant-1'): Tenant {
  return { id, name: `MSP ${id}`, approvalPolicy: 'second-admin', createdAt: T0 };
}

export function integration(tenantId = 'tenant-1', id = `int-${tenantId}`): IntegrationRecord {
  return {
    id,
    tenantId,
    provider: 'connectwise',
    sealedCredentials: `sealed-for-${id}`,
    createdAt: T0,
    updatedAt: T0,
  };
}

/** A tenant with one ConnectWise integration, the usual starting point. */
export async function seedTenant(repos: Repositories, tenantId = 'tenant-1'): Promise<IntegrationRecord> {
  await repos.tenants.insert(tenant(tenantId));
  const record = integration(tenantId);
  await repos.integrations.upsert(record);
  return record;
}

export function run(overrides: Partial<ImportRun> = {}): ImportRun {
  return {
    id: 'run-1',
    tenantId: 'tenant-1',
    integrationId: 'int-tenant-1',
    provider: 'connectwise',
    requesterKey: 'terminal:alice',
    requesterName: 'Alice',
    status: 'fetching',
    version: 1,
    leaseToken: 1,
    filter: { typeIds: ['1'], statusIds: [], activeOnly: true },
    thread: null,
    skipped: { companies: 0, contacts: 0, first: [] },
    contactTypes: null,
    createdAt: T0,
    updatedAt: T0,
    submittedAt: null,
    approvalExpiresAt: null,
    approverKey: null,
    approverName: null,
    rejectReason: null,
    result: null,
    requestCount: 0,
    failureCode: null,
    ...overrides,
  };
}
