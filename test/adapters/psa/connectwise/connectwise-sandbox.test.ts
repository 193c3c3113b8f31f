/** The provider against the sandbox over loopback: two independent readings of the API agree. */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectWiseSession } from '../../../../adapters/psa/connectwise/connectwise-session.js';
import { createPsaGateway, type PsaGatewayOptions } from '../../../../adapters/psa/gateway.js';
import {
  SANDBOX_SHARED_EMAIL,
  type SandboxConnectWise,
  startSandboxConnectWise,
} from '../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { AppError } from '../../../../src/domain/errors.js';
import type { CompanyFilter, PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { gather } from '../shared/gather.js';

const CANARY = 'canary-sandbox-private-9d1e';
let psa: SandboxConnectWise;
const sleeps: number[] = [];

beforeAll(async () => {
  psa = await startSandboxConnectWise({ credentials: { privateKey: CANARY } });
});
afterAll(async () => {
  await psa.close();
});
afterEach(() => {
  psa.clearFaults();
});

function open(settings = {}, options: Partial<PsaGatewayOptions> = {}, credentials = psa.credentials) {
  const gateway = createPsaGateway({
    timeoutMs: 5_000,
    maxAttempts: 2,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    providers: { connectwise: settings },
    ...options,
  });
  return gateway.open('connectwise', new Secret(credentials)) as ConnectWiseSession;
}

async function defaultFilter(session: ConnectWiseSession): Promise<CompanyFilter> {
  const options = await session.filterOptions();
  return {
    typeIds: options.types.filter((t) => t.isDefault).map((t) => t.id),
    statusIds: [],
    activeOnly: true,
  };
}

describe('ConnectWise against the sandbox', () => {
  it('fetches the default selection: clients, active, not deleted, not the MSP itself', async () => {
    const session = open();
    const companies = await gather<PsaCompany>(async (sink) =>
      session.fetchCompanies(await defaultFilter(session), () => {}, sink),
    );
    const { dataset } = psa;
    const inactive = new Set(dataset.statuses.filter((s) => s.inactiveFlag).map((s) => s.id));
    const expected = dataset.companies.filter(
      (c) =>
        !c.deletedFlag &&
        c.id !== dataset.ownCompanyId &&
        !inactive.has(c.status.id) &&
        c.types.some((t) => t.name === 'Client'),
    );
    expect(companies.map((c) => c.psaId)).toEqual(expected.map((c) => c.id));
    const contoso = dataset.companies.filter((c) => c.name === 'Contoso Ltd');
    const live = contoso.find((c) => !c.deletedFlag);
    const twin = contoso.find((c) => c.deletedFlag);
    expect(companies.map((c) => c.psaId)).toContain(live?.id);
    expect(companies.map((c) => c.psaId)).not.toContain(twin?.id);
    expect(companies.map((c) => c.name)).not.toContain('Dormant Holdings');
    expect(companies.every((c) => c.active)).toBe(true);
  });

  it('shows inactive companies as inactive when activeOnly is off', async () => {
    const companies = await gather<PsaCompany>((sink) =>
      open().fetchCompanies({ typeIds: [], statusIds: [], activeOnly: false }, () => {}, sink),
    );
    expect(companies.find((c) => c.name === 'Dormant Holdings')).toMatchObject({
      active: false,
      statusName: 'Inactive',
    });
    expect(companies.find((c) => c.name === 'Big Vendor Supplies')?.typeNames).toEqual(['Vendor']);
    expect(companies.map((c) => c.name)).not.toContain('Sandbox MSP');
    expect(companies.map((c) => c.name)).not.toContain('Old Deleted Co');
  });

  it('gives the same companies when the server only pages by number', async () => {
    const oldServer = await startSandboxConnectWise({ paging: 'page-numbers-only' });
    try {
      const filter = { typeIds: [], statusIds: [], activeOnly: false };
      const viaNumbers = await gather<PsaCompany>((sink) =>
        open({ pageSize: 40 }, {}, oldServer.credentials).fetchCompanies(filter, () => {}, sink),
      );
      const viaLinks = await gather<PsaCompany>((sink) =>
        open({ pageSize: 40 }).fetchCompanies(filter, () => {}, sink),
      );
      // Pages arrive in whatever order the parallel ranges finish.
      const ids = (companies: PsaCompany[]) => companies.map((c) => c.psaId).sort((a, b) => a - b);
      expect(ids(viaNumbers)).toEqual(ids(viaLinks));
      expect(viaNumbers.length).toBeGreaterThan(200);
    } finally {
      await oldServer.close();
    }
  });

  it('fetches contacts in parallel batches within the bound', async () => {
    const slow = await startSandboxConnectWise({ latencyMs: 15 });
    try {
      const session = open({ contactBatchSize: 10, concurrency: 4 }, {}, slow.credentials);
      const companies = await gather<PsaCompany>((sink) =>
        session.fetchCompanies({ typeIds: [], statusIds: [], activeOnly: false }, () => {}, sink),
      );
      slow.resetStats();
      const contacts = await gather<PsaContact>((sink) =>
        session.fetchContacts(
          companies.map((c) => c.psaId),
          () => {},
          sink,
        ),
      );
      const stats = slow.stats();
      expect(stats.maxInFlight).toBeGreaterThan(1);
      expect(stats.maxInFlight).toBeLessThanOrEqual(4);
      expect(session.maxInFlight()).toBeLessThanOrEqual(4);
      const wanted = new Set(companies.map((c) => c.psaId));
      const expected = slow.dataset.contacts.filter((c) => wanted.has(c.company.id)).map((c) => c.id);
      expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expected);
    } finally {
      await slow.close();
    }
  });

  it('reads emails default first, none, and shared ones', async () => {
    const session = open();
    const byName = (name: string) => psa.dataset.companies.find((c) => c.name === name)?.id ?? -1;
    const contacts = await gather<PsaContact>((sink) =>
      session.fetchContacts([byName('Acme, Inc.'), byName('Globex Corp.')], () => {}, sink),
    );
    const wile = contacts.find((c) => c.lastName === 'Coyote');
    expect(wile?.emails).toEqual([
      'wile.coyote@acme.example',
      'wile.personal@desert-mail.example',
      'w.coyote@acme.example',
    ]);
    expect(contacts.find((c) => c.lastName === 'Runner')?.emails).toEqual([]);
    const shared = contacts.filter((c) => c.emails.includes(SANDBOX_SHARED_EMAIL));
    expect(new Set(shared.map((c) => c.companyPsaId)).size).toBe(2);
  });

  it('explains why companies are missing', async () => {
    const session = open();
    const twin = psa.dataset.companies.find((c) => c.name === 'Contoso Ltd' && c.deletedFlag);
    const dormant = psa.dataset.companies.find((c) => c.name === 'Dormant Holdings');
    const causes = await session.explainMissing(
      [twin?.id ?? -1, dormant?.id ?? -1, 987_654],
      await defaultFilter(session),
    );
    expect([...causes.values()]).toEqual(['deleted', 'filtered-out', 'not-found']);
  });
});

describe('ConnectWise sandbox faults', () => {
  it.each([
    [{ status: 401 }, 'psa_auth_failed'],
    [{ status: 403 }, 'psa_forbidden'],
    [{ status: 500 }, 'psa_server_error'],
    [{ status: 503, body: 'html' as const, times: 5 }, 'psa_server_error'],
    [{ status: 200, body: 'html' as const }, 'psa_invalid_response'],
    [{ status: 200, body: 'empty' as const }, 'psa_invalid_response'],
  ])('%j gives %s', async (fault, code) => {
    psa.injectFault({ ...fault, path: '/company/companies/count' });
    const error = await open()
      .testConnection()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(CANARY);
  });

  it('honours Retry-After from a 429 and recovers', async () => {
    psa.injectFault({ status: 429, retryAfterSeconds: 3, path: '/company/companies/count' });
    sleeps.length = 0;
    await open().testConnection();
    expect(sleeps).toEqual([3_000]);
  });

  it('keeps one request fewer in flight for the rest of the session after each 429', async () => {
    const slow = await startSandboxConnectWise({ latencyMs: 15 });
    try {
      const session = open({ contactBatchSize: 10, concurrency: 4 }, {}, slow.credentials);
      const companies = await gather<PsaCompany>((sink) =>
        session.fetchCompanies({ typeIds: [], statusIds: [], activeOnly: false }, () => {}, sink),
      );
      const ids = companies.map((c) => c.psaId);
      slow.injectFault({ status: 429, retryAfterSeconds: 1, times: 2, path: '/company/contacts' });
      const first = await gather<PsaContact>((sink) => session.fetchContacts(ids, () => {}, sink));
      slow.resetStats();
      const second = await gather<PsaContact>((sink) => session.fetchContacts(ids, () => {}, sink));
      expect(second.length).toBe(first.length);
      expect(second.length).toBeGreaterThan(0);
      // Four, less one for each of the two 429s.
      expect(slow.stats().maxInFlight).toBe(2);
    } finally {
      await slow.close();
    }
  });

  it('reports a 429 that persists with its retry time', async () => {
    psa.injectFault({ status: 429, retryAfterSeconds: 4, times: 2, path: '/company/contacts/count' });
    const error = (await open()
      .testConnection()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('psa_rate_limited');
    expect(error.details.retryAfterSeconds).toBe(4);
  });

  it('times out a slow response', async () => {
    psa.injectFault({ status: 200, delayMs: 400, path: '/company/companies/count' });
    const error = (await open({}, { timeoutMs: 50 })
      .testConnection()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('psa_timeout');
  });

  it('rejects a wrong private key as an authentication error', async () => {
    const error = (await open({}, {}, { ...psa.credentials, privateKey: 'wrong' })
      .testConnection()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('psa_auth_failed');
  });

  it('reports a closed port as unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const error = (await open({}, {}, { ...psa.credentials, site: `http://127.0.0.1:${port}` })
      .testConnection()
      .catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('psa_unreachable');
  });
});
