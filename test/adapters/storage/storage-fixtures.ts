import type { ApplyResult } from '../../../src/domain/plan-model.js';
import type { FetchedContacts, ImportRun, RunBase, RunStatusPart } from '../../../src/domain/run.js';
import type { RunStatus } from '../../../src/domain/run-status.js';
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

const RESULT: ApplyResult = {
  companiesCreated: 1,
  companiesMapped: 0,
  companiesUnmapped: 0,
  companiesKept: 0,
  usersImported: 2,
  usersMapped: 0,
  usersKept: 0,
  errors: [{ subject: 'Acme', message: 'x' }],
};

const FETCHED: FetchedContacts = { kind: 'fetched', contactTypes: ['Billing', 'Primary'] };

/** One status part of each status, every field set. */
export const STATUS_PARTS: { readonly [S in RunStatus]: RunStatusPart<S> } = {
  fetching: { status: 'fetching' },
  'reviewing-companies': { status: 'reviewing-companies' },
  'fetching-contacts': { status: 'fetching-contacts' },
  'reviewing-users': { status: 'reviewing-users', contacts: FETCHED },
  'pending-approval': {
    status: 'pending-approval',
    contacts: FETCHED,
    submittedAt: at(1),
    approvalExpiresAt: at(60),
  },
  applied: {
    status: 'applied',
    contacts: { kind: 'not-fetched' },
    submittedAt: at(1),
    approverKey: 'slack:U2',
    approverName: 'Bob',
    result: RESULT,
  },
  rejected: {
    status: 'rejected',
    contacts: FETCHED,
    submittedAt: at(1),
    rejecterKey: 'slack:U2',
    rejecterName: 'Bob',
    rejectReason: 'nope',
  },
  cancelled: { status: 'cancelled', contacts: { kind: 'not-fetched' }, submittedAt: null },
  expired: { status: 'expired', contacts: FETCHED, submittedAt: at(1) },
  failed: { status: 'failed', failureCode: 'psa_timeout' },
};

/** A run: the base fields given over defaults, in the given status (`fetching` unless told). */
export function run(base: Partial<RunBase> = {}, part: RunStatusPart = STATUS_PARTS.fetching): ImportRun {
  return {
    id: 'run-1',
    tenantId: 'tenant-1',
    integrationId: 'int-tenant-1',
    provider: 'connectwise',
    requesterKey: 'terminal:alice',
    requesterName: 'Alice',
    version: 1,
    leaseToken: 1,
    filter: { typeIds: ['1'], statusIds: [], activeOnly: true },
    thread: null,
    skipped: { companies: 0, contacts: 0, first: [] },
    createdAt: T0,
    updatedAt: T0,
    requestCount: 0,
    ...base,
    ...part,
  };
}
