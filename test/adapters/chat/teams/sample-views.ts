import type {
  ApprovalView,
  ContactRowView,
  ProgressView,
  ResultView,
  ReviewRowView,
  ReviewView,
  RunHeader,
  UsersView,
  View,
} from '../../../../src/app/views.js';
import type { PlanCounts } from '../../../../src/domain/plan-model.js';

/** Views as the core returns them, with hostile PSA text where PSA text goes. */
export const HOSTILE =
  '[Pay here](https://evil.example) **URGENT** <b>x</b> _a_ ~b~ `c` # | \\ :smile: www.evil.example';

export const header = (status: RunHeader['status'], runId = 'run-1'): RunHeader => ({
  runId,
  provider: 'connectwise',
  status,
  requesterName: 'Alice Admin',
  version: 3,
});

export const counts: PlanCounts = {
  companiesCreate: 3,
  companiesMap: 1,
  companiesUnmap: 0,
  companiesKeep: 2,
  companiesSkip: 1,
  usersGrant: 5,
  usersKeep: 1,
  usersMap: 0,
  usersSkip: 2,
  usersIneligible: 1,
};

export function reviewRow(psaCompanyId: number, overrides: Partial<ReviewRowView> = {}): ReviewRowView {
  return {
    psaCompanyId,
    name: `Company ${psaCompanyId}`,
    status: 'unmapped',
    typeNames: ['Client'],
    statusName: 'Active',
    active: true,
    lastImportedAt: null,
    mappedTo: null,
    candidates: [],
    decision: { kind: 'create' },
    targetName: null,
    allowed: ['create', 'skip', 'map'],
    ...overrides,
  };
}

export function reviewView(
  rows: ReviewRowView[],
  status: RunHeader['status'] = 'reviewing-companies',
): ReviewView {
  return {
    kind: 'review',
    run: header(status),
    totals: { mapped: 1, unmapped: 10, duplicates: 1 },
    rows,
    paging: { page: 1, pageSize: 8, totalItems: 30, totalPages: 4 },
    notInPsa: [
      {
        psaCompanyId: 99,
        managedCompanyId: 'mc-99',
        managedCompanyName: HOSTILE,
        lastImportedAt: '2025-01-02T03:04:05.000Z',
        cause: 'filtered-out',
        reason: 'filtered out',
      },
    ],
    counts,
    bulk: [
      { action: 'create-all-unmapped', count: 10 },
      { action: 'map-all-single-candidates', count: 1 },
      { action: 'skip-all', count: 12 },
      { action: 'reset', count: 0 },
    ],
  };
}

export const duplicateRow = reviewRow(7, {
  name: 'ACME Inc',
  status: 'potential-duplicate',
  candidates: [
    { companyId: 'mc-acme', companyName: 'Acme, Inc.', reason: 'same as "Acme, Inc." after removing "Inc."' },
  ],
  decision: { kind: 'map', companyId: 'mc-acme' },
  targetName: 'Acme, Inc.',
  allowed: ['create', 'skip', 'map'],
});

export const mappedRow = reviewRow(8, {
  status: 'mapped',
  mappedTo: { id: 'mc-8', name: 'Mapped Co' },
  decision: { kind: 'keep' },
  targetName: 'Mapped Co',
  allowed: ['keep', 'unmap-create', 'skip', 'map'],
  lastImportedAt: '2025-01-02T03:04:05.000Z',
});

export function contactRow(psaContactId: number, overrides: Partial<ContactRowView> = {}): ContactRowView {
  return {
    psaContactId,
    psaCompanyId: 7,
    name: `Contact ${psaContactId}`,
    email: `c${psaContactId}@example.com`,
    active: true,
    typeNames: ['Primary'],
    decision: { kind: 'grant' },
    ineligibleReason: null,
    previouslyImported: false,
    sameEmailUser: null,
    allowed: ['grant', 'skip'],
    ...overrides,
  };
}

const licences = { needed: 5, free: 10, enough: true };

export function usersView(
  company: UsersView['company'],
  status: RunHeader['status'] = 'reviewing-users',
): UsersView {
  return {
    kind: 'users',
    run: header(status),
    company,
    companies:
      company === null
        ? [
            { psaCompanyId: 7, name: HOSTILE, granted: 2, eligible: 3, ineligible: 1 },
            { psaCompanyId: 9, name: 'Beta', granted: 1, eligible: 1, ineligible: 0 },
          ]
        : [],
    contacts:
      company === null
        ? []
        : [
            contactRow(1),
            contactRow(2, {
              email: null,
              ineligibleReason: 'no email',
              allowed: ['skip'],
              decision: { kind: 'skip' },
            }),
            contactRow(3, {
              sameEmailUser: { id: 'u-3', email: 'c3@example.com' },
              allowed: ['grant', 'map', 'skip'],
              decision: { kind: 'map', userId: 'u-3' },
            }),
            contactRow(4, {
              previouslyImported: true,
              allowed: ['grant', 'unmap-create', 'skip'],
              name: HOSTILE,
            }),
          ],
    contactTypes: ['Primary', 'Billing, Invoices'],
    paging: { page: 0, pageSize: 10, totalItems: 4, totalPages: 1 },
    counts,
    licences,
    bulk: [
      { action: 'grant-all-eligible', count: 3 },
      { action: 'skip-all', count: 4 },
      { action: 'reset', count: 0 },
    ],
  };
}

export function approvalView(
  state: ApprovalView['state'] = 'pending',
  approvers = ['aad-bob', 'aad-carol'],
): ApprovalView {
  return {
    kind: 'approval',
    run: header(state === 'pending' ? 'pending-approval' : 'applied'),
    state,
    counts,
    licences,
    expiresAt: '2025-01-03T03:04:05.000Z',
    requester: { platform: 'teams', userId: 'aad-alice' },
    approvers: approvers.map((userId) => ({ platform: 'teams' as const, userId })),
    approverName: state === 'pending' ? null : 'Bob',
    rejectReason: state === 'rejected' ? HOSTILE : null,
  };
}

export const resultView: ResultView = {
  kind: 'result',
  run: header('applied'),
  approverName: 'Bob',
  result: {
    companiesCreated: 3,
    companiesMapped: 1,
    companiesUnmapped: 0,
    companiesKept: 2,
    usersImported: 5,
    usersMapped: 0,
    usersKept: 1,
    errors: [{ subject: HOSTILE, message: 'email already taken' }],
  },
  requestCount: 12,
};

export const progressView: ProgressView = {
  kind: 'progress',
  runId: 'run-1',
  provider: 'connectwise',
  phase: 'companies',
  done: 1200,
  total: 5000,
};

/** One of every other view kind. */
export const otherViews: View[] = [
  { kind: 'help', commands: [{ usage: '/psa import <provider>', summary: 'Start an import' }] },
  { kind: 'notice', tone: 'success', text: 'Company added', subject: HOSTILE },
  { kind: 'error', code: 'integration_locked', details: {} },
  { kind: 'error', code: 'invalid_input', details: { hint: HOSTILE } },
  {
    kind: 'credentials-form',
    provider: 'connectwise',
    fields: [
      { key: 'site', label: 'Site', secret: false, optional: false, hint: 'na.myconnectwise.net' },
      { key: 'privateKey', label: 'Private key', secret: true, optional: false, hint: '' },
    ],
  },
  { kind: 'connected', provider: 'autotask' },
  {
    kind: 'status',
    integrations: ['connectwise'],
    open: [
      {
        runId: 'r',
        provider: 'connectwise',
        status: 'reviewing-users',
        requesterName: HOSTILE,
        approverName: null,
        createdAt: '2025-01-02T03:04:05.000Z',
        result: null,
        failureCode: 'psa_server_error',
      },
    ],
  },
  { kind: 'history', runs: [] },
  {
    kind: 'admins',
    admins: [{ platform: 'teams', userId: 'aad-1', displayName: HOSTILE }],
    approvalPolicy: 'second-admin',
  },
  { kind: 'licenses', total: 10, used: 4, free: 6 },
  { kind: 'companies', companies: [{ id: 'a', name: HOSTILE }], total: 1 },
  { kind: 'company-options', options: [{ id: 'a', name: 'A' }] },
  { kind: 'export', runId: 'r', filename: 'x.csv', csv: 'a,b\n1,2\n' },
];
