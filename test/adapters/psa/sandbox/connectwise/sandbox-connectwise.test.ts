import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_EXISTING_MANAGED_COMPANIES,
  SANDBOX_SHARED_EMAIL,
  type SandboxConnectWise,
  startSandboxConnectWise,
} from '../../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { buildDataset } from '../../../../../adapters/psa/sandbox/connectwise/seed-data.js';

let psa: SandboxConnectWise;
beforeAll(async () => {
  psa = await startSandboxConnectWise({ credentials: { privateKey: 'test-private' } });
});
afterAll(async () => {
  await psa.close();
});
afterEach(() => {
  psa.clearFaults();
});

function authHeaders(overrides: Record<string, string> = {}) {
  const c = psa.credentials;
  return {
    authorization: `Basic ${Buffer.from(`${c.companyId}+${c.publicKey}:${c.privateKey}`).toString('base64')}`,
    clientid: c.clientId ?? '',
    accept: 'application/vnd.connectwise.com+json; version=2026.4',
    ...overrides,
  };
}

async function get(pathAndQuery: string, headers: Record<string, string> = authHeaders()) {
  const url = pathAndQuery.startsWith('http')
    ? pathAndQuery
    : `${psa.site}/${psa.codebase}apis/3.0${pathAndQuery}`;
  const response = await request(url, { headers });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

describe('sandbox ConnectWise: auth and discovery', () => {
  it('answers companyinfo with its codebase, for its company id only', async () => {
    const info = await get(`${psa.site}/login/companyinfo/${psa.credentials.companyId?.toUpperCase()}`, {});
    expect(info.status).toBe(200);
    expect(info.json()).toMatchObject({ Codebase: psa.codebase });
    expect((await get(`${psa.site}/login/companyinfo/someoneelse`, {})).status).toBe(404);
  });

  it.each([
    [
      'a wrong private key',
      { authorization: `Basic ${Buffer.from('sandboxmsp+SandboxPublicKey01:nope').toString('base64')}` },
    ],
    ['no clientId', { clientid: '' }],
    ['no authorization', { authorization: '' }],
  ])('answers 401 JSON for %s', async (_label, overrides) => {
    const response = await get('/company/companies/count', authHeaders(overrides));
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ code: 'Unauthorized' });
  });

  it('accepts the company id in any case and serves only under its codebase', async () => {
    const c = psa.credentials;
    const upper = `Basic ${Buffer.from(`${c.companyId?.toUpperCase()}+${c.publicKey}:${c.privateKey}`).toString('base64')}`;
    expect((await get('/company/companies/count', authHeaders({ authorization: upper }))).status).toBe(200);
    expect((await get(`${psa.site}/v4_6_release/apis/3.0/company/companies/count`)).status).toBe(404);
  });
});

describe('sandbox ConnectWise: queries', () => {
  it('counts with conditions and childConditions', async () => {
    const expected = psa.dataset.companies.filter(
      (c) => !c.deletedFlag && c.status.id === 1 && c.types.some((t) => t.id === 1),
    ).length;
    const response = await get(
      `/company/companies/count${q({ conditions: 'deletedFlag = false and status/id in (1)', childConditions: 'types/id in (1)' })}`,
    );
    expect(response.json()).toEqual({ count: expected });
    expect(expected).toBeGreaterThan(10);
  });

  it('pages forward-only with a Link to the next pageId until the end', async () => {
    const seen: number[] = [];
    let url: string | null = `/company/companies${q({ pageSize: '100', fields: 'id,name' })}`;
    let pages = 0;
    while (url !== null) {
      const response = await get(url, authHeaders({ 'pagination-type': 'forward-only' }));
      const rows = response.json() as { id: number; name: string; status?: unknown }[];
      expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['id', 'name']);
      seen.push(...rows.map((r) => r.id));
      const link = response.headers.link as string | undefined;
      url = link === undefined ? null : (/<([^>]+)>; rel="next"/.exec(link)?.[1] ?? null);
      pages += 1;
    }
    expect(pages).toBe(Math.ceil(psa.dataset.companies.length / 100));
    expect(seen).toEqual(psa.dataset.companies.map((c) => c.id));
  });

  it('pages by number with next and last links', async () => {
    const response = await get(`/company/companies${q({ pageSize: '10', page: '2', orderBy: 'name desc' })}`);
    const names = psa.dataset.companies
      .map((c) => c.name)
      .sort()
      .reverse();
    expect((response.json() as { name: string }[]).map((r) => r.name)).toEqual(names.slice(10, 20));
    expect(response.headers.link).toMatch(
      /page=3&orderBy=name\+desc>; rel="next".*rel="prev".*page=25[^>]*>; rel="last"/,
    );
  });

  it('rejects malformed conditions and unknown fields with 400', async () => {
    for (const conditions of ['name = "open', 'privateKey = "x"', 'types/id = 1']) {
      const response = await get(`/company/companies${q({ conditions })}`);
      expect(response.status).toBe(400);
      expect(response.json()).toMatchObject({ code: 'InvalidObject' });
    }
  });

  it('finds a name with quotes through an escaped condition', async () => {
    const response = await get(
      `/company/companies${q({ conditions: 'name = "Ben & Jerry\'s \\"Scoops\\""' })}`,
    );
    expect((response.json() as { name: string }[]).map((r) => r.name)).toEqual(['Ben & Jerry\'s "Scoops"']);
  });

  it('serves contacts of given companies with their communication items', async () => {
    const acme = psa.dataset.companies.find((c) => c.name === 'Acme, Inc.');
    const response = await get(
      `/company/contacts${q({ conditions: `company/id in (${acme?.id})`, pageSize: '1000' })}`,
    );
    const rows = response.json() as {
      lastName: string;
      communicationItems: { communicationType: string }[];
    }[];
    expect(rows.map((r) => r.lastName)).toEqual(['Coyote', 'Runner', 'Desk']);
    expect(rows[0]?.communicationItems.filter((i) => i.communicationType === 'Email')).toHaveLength(3);
  });
});

describe('sandbox ConnectWise: data set', () => {
  it('holds the hard cases', () => {
    const { companies, contacts, ownCompanyId } = psa.dataset;
    const names = companies.map((c) => c.name);
    expect(names.filter((n) => n === 'Wayne Enterprises')).toHaveLength(2);
    const contoso = companies.filter((c) => c.name === 'Contoso Ltd');
    expect(contoso.map((c) => c.deletedFlag).sort()).toEqual([false, true]);
    expect(names).toEqual(
      expect.arrayContaining(['Acme, Inc.', '<!channel>', 'A+ Computers', 'Café Déjà Vu SARL']),
    );
    expect(companies.find((c) => c.id === ownCompanyId)?.identifier).toBe(psa.credentials.companyId);
    const shared = contacts.filter((c) => c.communicationItems.some((i) => i.value === SANDBOX_SHARED_EMAIL));
    expect(new Set(shared.map((c) => c.company.id)).size).toBe(2);
    expect(contacts.some((c) => c.inactiveFlag)).toBe(true);
    expect(contacts.some((c) => !c.communicationItems.some((i) => i.communicationType === 'Email'))).toBe(
      true,
    );
    expect(SANDBOX_EXISTING_MANAGED_COMPANIES).toContain('ACME Inc');
    expect(companies.length).toBe(250);
  });

  it('is deterministic and scales to the requested size', () => {
    const options = { companies: 400, contactsPerCompany: 5, ownIdentifier: 'x' };
    expect(JSON.stringify(buildDataset(options))).toBe(JSON.stringify(buildDataset(options)));
    const big = buildDataset(options);
    expect(big.companies).toHaveLength(400);
    expect(big.contacts.length).toBeGreaterThan(5 * 370);
  });
});

describe('sandbox ConnectWise: faults and stats', () => {
  it('injects an error status with Retry-After for the given number of times and path', async () => {
    psa.injectFault({ status: 429, retryAfterSeconds: 7, times: 2, path: '/company/contacts' });
    expect((await get('/company/companies/count')).status).toBe(200);
    const limited = await get('/company/contacts/count');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expect(limited.json()).toMatchObject({ code: 'TooManyRequests' });
    expect((await get('/company/contacts/count')).status).toBe(429);
    expect((await get('/company/contacts/count')).status).toBe(200);
  });

  it('injects HTML and empty bodies', async () => {
    psa.injectFault({ status: 200, body: 'html' });
    psa.injectFault({ status: 500, body: 'empty' });
    const html = await get('/company/companies/count');
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/^<!DOCTYPE html>/);
    const empty = await get('/company/companies/count');
    expect(empty.status).toBe(500);
    expect(empty.text).toBe('');
  });

  it('counts requests and the most in flight per path', async () => {
    psa.resetStats();
    // Long enough that the three requests overlap even on a loaded machine (30 ms flaked there).
    psa.injectFault({ status: 200, delayMs: 500, times: 3, path: '/company/companies/count' });
    await Promise.all([1, 2, 3].map(() => get('/company/companies/count')));
    await get('/company/companies/statuses');
    const stats = psa.stats();
    expect(stats.requests).toBe(4);
    expect(stats.requestsByPath['/company/companies/count']).toBe(3);
    expect(stats.maxInFlightByPath['/company/companies/count']).toBe(3);
    expect(stats.maxInFlightByPath['/company/companies/statuses']).toBe(1);
  });
});
