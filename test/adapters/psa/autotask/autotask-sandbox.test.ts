import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AutotaskSettings,
  createAutotaskProvider,
} from '../../../../adapters/psa/autotask/autotask-provider.js';
import type { SandboxFault } from '../../../../adapters/psa/sandbox/autotask/faults.js';
import {
  type SandboxAutotask,
  startSandboxAutotask,
} from '../../../../adapters/psa/sandbox/autotask/server.js';
import type { PsaProviderContext } from '../../../../adapters/psa/shared/provider-definition.js';
import { type AppError, isAppError } from '../../../../src/domain/errors.js';
import type { PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { FetchProgress, PsaSession } from '../../../../src/ports/psa-gateway.js';
import { gather } from '../shared/gather.js';

const context: PsaProviderContext = { timeoutMs: 5_000, maxAttempts: 3, backoff: { baseMs: 5, capMs: 20 } };
const CUSTOMERS = { typeIds: ['1'], statusIds: [], activeOnly: true };
const EVERYTHING = { typeIds: [], statusIds: [], activeOnly: false };

let at: SandboxAutotask;

function open(
  sandbox: SandboxAutotask,
  overrides: Record<string, string> = {},
  settings: AutotaskSettings = {},
  ctx: PsaProviderContext = context,
): PsaSession {
  const credentials = new Secret<Readonly<Record<string, string>>>({ ...sandbox.credentials, ...overrides });
  return createAutotaskProvider().open(credentials, ctx, { zoneBaseUrl: sandbox.zoneBaseUrl, ...settings });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  at = await startSandboxAutotask({ companies: 1_300, contactsPerCompany: 2 });
});
afterAll(async () => {
  await at.close();
});

describe('Autotask provider against the sandbox: fetching', () => {
  it('fetches every active customer across pages, never the MSP, with progress up to the count', async () => {
    const session = open(at);
    const progress: FetchProgress[] = [];
    const companies = await gather<PsaCompany>((sink) =>
      session.fetchCompanies(CUSTOMERS, (p) => progress.push(p), sink),
    );
    const expected = at.data.companies.filter((c) => c.id > 0 && c.companyType === 1 && c.isActive);
    expect(companies.map((c) => c.psaId)).toEqual(expected.map((c) => c.id));
    expect(companies.every((c) => c.typeNames[0] === 'Customer' && c.active && c.statusName === null)).toBe(
      true,
    );
    expect(companies.map((c) => c.name)).toContain('<!channel> Alerts LLC');
    expect(companies.every((c) => c.updatedAt === null || c.updatedAt.endsWith('Z'))).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'companies', done: expected.length, total: expected.length });
  });

  it('fetches every type and inactive companies when asked, still without the MSP', async () => {
    const companies = await gather<PsaCompany>((sink) => open(at).fetchCompanies(EVERYTHING, () => {}, sink));
    expect(companies).toHaveLength(1_300);
    expect(new Set(companies.map((c) => c.psaId)).size).toBe(1_300);
    expect(companies.some((c) => c.psaId === 0)).toBe(false);
    const dead = companies.find((c) => c.psaId === at.cases.companyIdByType[4]);
    expect(dead?.typeNames).toEqual(['Dead']);
  });

  it('pages correctly when a page comes back out of id order', async () => {
    const shuffled = await startSandboxAutotask({ companies: 1_100, unorderedPages: true });
    try {
      const companies = await gather<PsaCompany>((sink) =>
        open(shuffled).fetchCompanies(EVERYTHING, () => {}, sink),
      );
      expect(companies.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(
        shuffled.data.companies.filter((c) => c.id > 0).map((c) => c.id),
      );
    } finally {
      await shuffled.close();
    }
  });

  it('fetches the contacts of many companies in batches, mapping the hard cases', async () => {
    const session = open(at, {}, { contactBatchSize: 150 });
    const ids = at.data.companies.filter((c) => c.id > 0).map((c) => c.id);
    const progress: FetchProgress[] = [];
    const contacts = await gather<PsaContact>((sink) =>
      session.fetchContacts(ids, (p) => progress.push(p), sink),
    );
    const expected = at.data.contacts.filter((c) => c.companyID > 0);
    expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expected.map((c) => c.id));
    const byId = new Map(contacts.map((c) => [c.psaId, c]));
    expect(byId.get(at.cases.secondEmailOnlyContactId)?.emails).toEqual([
      'only.second@sandbox-contacts.example',
    ]);
    expect(byId.get(at.cases.thirdEmailOnlyContactId)?.emails).toEqual([
      'only.third@sandbox-contacts.example',
    ]);
    expect(byId.get(at.cases.noEmailContactId)?.emails).toEqual([]);
    const inactive = at.cases.inactiveContactIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.every((c) => !c.active)).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: expected.length, total: expected.length });
  });

  it('offers company types from the picklist, Customer by default', async () => {
    const options = await open(at).filterOptions();
    expect(options.statuses).toEqual([]);
    expect(options.types.filter((t) => t.isDefault)).toEqual([
      { id: '1', name: 'Customer', isDefault: true },
    ]);
    expect(options.types.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Lead', 'Prospect', 'Dead', 'Cancelation', 'Vendor', 'Partner']),
    );
  });

  it('explains missing companies: filtered out when present, not found when gone', async () => {
    const lead = at.cases.companyIdByType[2] as number;
    const causes = await open(at).explainMissing([lead, 0, 999_999_999], CUSTOMERS);
    expect(Object.fromEntries(causes)).toEqual({
      [lead]: 'filtered-out',
      0: 'filtered-out',
      999999999: 'not-found',
    });
  });

  it('counts every request it makes, zone discovery and threshold reads included', async () => {
    const sandbox = await startSandboxAutotask({ companies: 20 });
    try {
      const session = open(sandbox);
      await gather<PsaCompany>((sink) => session.fetchCompanies(CUSTOMERS, () => {}, sink));
      expect(session.requestCount()).toBe(sandbox.stats().requests);
      expect(session.requestCount()).toBeGreaterThanOrEqual(4);
    } finally {
      await sandbox.close();
    }
  });
});

describe('Autotask provider against the sandbox: limits', () => {
  it('never has more than 3 requests in flight on one endpoint, however many fetches run', async () => {
    const slow = await startSandboxAutotask({ companies: 600, contactsPerCompany: 2, latencyMs: 15 });
    try {
      const provider = createAutotaskProvider();
      const credentials = new Secret<Readonly<Record<string, string>>>({ ...slow.credentials });
      const sessions = Array.from({ length: 12 }, () =>
        provider.open(credentials, context, {
          zoneBaseUrl: slow.zoneBaseUrl,
          batchConcurrency: 12,
          contactBatchSize: 50,
        }),
      );
      const ids = slow.data.companies.filter((c) => c.id > 0).map((c) => c.id);
      await Promise.all(
        sessions.map((s, i) =>
          i % 2 === 0
            ? gather<PsaCompany>((sink) => s.fetchCompanies(EVERYTHING, () => {}, sink))
            : gather<PsaContact>((sink) => s.fetchContacts(ids, () => {}, sink)),
        ),
      );
      const { endpoints } = slow.stats();
      for (const name of ['Companies', 'Contacts']) {
        expect(endpoints[name]?.maxConcurrent).toBeLessThanOrEqual(3);
        expect(endpoints[name]?.maxConcurrent).toBeGreaterThan(1);
        expect(endpoints[name]?.throttled).toBe(0);
      }
    } finally {
      await slow.close();
    }
  });

  it('stops before the hourly budget is used up, with the time to retry', async () => {
    const busy = await startSandboxAutotask({ companies: 20, hourlyBudget: 1_000, budgetSlowdownMs: 0 });
    try {
      busy.setBudgetUsed(899);
      const session = open(busy);
      const error = await failure(
        gather<PsaCompany>((sink) => session.fetchCompanies(CUSTOMERS, () => {}, sink)),
      );
      expect(error.code).toBe('psa_budget_exhausted');
      expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(60);
      expect(busy.stats().budgetUsed).toBe(900);
    } finally {
      await busy.close();
    }
  });

  it('backs off and retries a thread-threshold 429', async () => {
    at.injectFault({
      path: 'Companies/query',
      status: 429,
      body: { json: { errors: ['Thread threshold exceeded'] } },
      times: 2,
    });
    const companies = await gather<PsaCompany>((sink) => open(at).fetchCompanies(CUSTOMERS, () => {}, sink));
    expect(companies.length).toBeGreaterThan(0);
  });
});

describe('Autotask provider against the sandbox: failures', () => {
  it.each([
    ['wrong secret (401)', { secret: 'nope' }],
    ['wrong integration code (500 "IntegrationCode is invalid.")', { integrationCode: 'nope' }],
    ['unknown user (500 "Zone information could not be determined")', { username: 'ghost@x.example' }],
  ])('reports %s as an auth failure, without retrying', async (_name, overrides) => {
    const sandbox = await startSandboxAutotask({ companies: 3 });
    try {
      const session = open(sandbox, overrides);
      const error = await failure(session.testConnection());
      expect(error.code).toBe('psa_auth_failed');
      expect(sandbox.stats().requests).toBeLessThanOrEqual(2);
      expect(JSON.stringify(error)).not.toContain('nope');
      expect(String(error.message)).not.toContain(sandbox.credentials.secret);
    } finally {
      await sandbox.close();
    }
  });

  const faults: [string, SandboxFault, string][] = [
    ['a 500 with JSON', { path: 'Companies/query', status: 500 }, 'psa_server_error'],
    [
      'a 503 HTML page, every time',
      { path: 'Companies/query', status: 503, body: 'html', times: 9 },
      'psa_server_error',
    ],
    ['a 403', { path: 'Companies/query', status: 403, body: 'empty' }, 'psa_forbidden'],
    ['a 401', { path: 'ThresholdInformation', status: 401 }, 'psa_auth_failed'],
    [
      'a 500 "IntegrationCode is invalid."',
      { path: 'Companies/query', status: 500, body: { json: { errors: ['IntegrationCode is invalid.'] } } },
      'psa_auth_failed',
    ],
    ['zone discovery not found', { path: 'ZoneInformation', status: 404 }, 'psa_auth_failed'],
    [
      'zone discovery without a zone',
      { path: 'ZoneInformation', status: 200, body: { json: { zoneName: null, url: null } } },
      'psa_auth_failed',
    ],
    [
      'a zone outside https',
      {
        path: 'ZoneInformation',
        status: 200,
        body: { json: { url: 'http://evil.example/ATServicesRest/' } },
      },
      'psa_invalid_response',
    ],
    [
      'a 200 that is not JSON',
      { path: 'Companies/query', status: 200, body: { text: 'hello' } },
      'psa_invalid_response',
    ],
    [
      'a 200 of the wrong shape',
      { path: 'Companies/query', status: 200, body: { json: { items: [{ id: 'x' }] } } },
      'psa_invalid_response',
    ],
    [
      'a 405',
      { path: 'Companies/query', status: 405, body: { json: { Message: 'no' } } },
      'psa_invalid_response',
    ],
    [
      'an hourly-budget 429 with a long Retry-After',
      { path: 'Companies/query', status: 429, headers: { 'retry-after': '1800' } },
      'psa_budget_exhausted',
    ],
  ];

  it.each(faults)('maps %s to its code', async (_name, fault, code) => {
    const sandbox = await startSandboxAutotask({ companies: 3 });
    try {
      sandbox.injectFault(fault);
      const error = await failure(
        gather<PsaCompany>((sink) => open(sandbox).fetchCompanies(CUSTOMERS, () => {}, sink)),
      );
      expect(error.code).toBe(code);
      expect(JSON.stringify(error.details)).not.toMatch(/Injected|<html|hello/);
    } finally {
      await sandbox.close();
    }
  });

  it('gives up on a slow answer with psa_timeout', async () => {
    const sandbox = await startSandboxAutotask({ companies: 3 });
    try {
      sandbox.injectFault({ path: 'Companies/query', delayMs: 2_000 });
      const error = await failure(
        gather<PsaCompany>((sink) =>
          open(sandbox, {}, {}, { ...context, timeoutMs: 200 }).fetchCompanies(CUSTOMERS, () => {}, sink),
        ),
      );
      expect(error.code).toBe('psa_timeout');
    } finally {
      await sandbox.close();
    }
  });
});
