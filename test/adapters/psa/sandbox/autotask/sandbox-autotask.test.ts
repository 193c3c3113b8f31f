import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SandboxAutotask,
  startSandboxAutotask,
} from '../../../../../adapters/psa/sandbox/autotask/server.js';
import { SANDBOX_EXISTING_MANAGED_COMPANIES } from '../../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { normaliseCompanyName } from '../../../../../src/domain/name-matching.js';

let at: SandboxAutotask;
let api: string;

function authHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ApiIntegrationCode: at.credentials.integrationCode,
    UserName: at.credentials.username,
    Secret: at.credentials.secret,
    'content-type': 'application/json',
    ...overrides,
  };
}

async function call(method: string, path: string, body?: unknown, headers = authHeaders()) {
  const response = await request(path.startsWith('http') ? path : `${api}${path}`, {
    method: method as 'GET',
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.body.text();
  const json = /^\s*[[{]/.test(text) ? JSON.parse(text) : null;
  return { status: response.statusCode, headers: response.headers, json, text };
}

beforeAll(async () => {
  at = await startSandboxAutotask({ companies: 1_200, contactsPerCompany: 2 });
  const zone = await call(
    'GET',
    `${at.zoneBaseUrl}/ATServicesRest/V1.0/ZoneInformation?user=${at.credentials.username}`,
  );
  api = `${zone.json.url}V1.0/`;
});
afterAll(async () => {
  await at.close();
});

describe('sandbox Autotask: zone discovery and auth forms', () => {
  it('points zone discovery back at itself', async () => {
    expect(api).toBe(`${at.zoneBaseUrl}/ATServicesRest/V1.0/`);
  });

  it('answers an unknown user at zone discovery with a 500 that means bad credentials', async () => {
    const zone = await call(
      'GET',
      `${at.zoneBaseUrl}/ATServicesRest/V1.0/ZoneInformation?user=nobody@x.example`,
    );
    expect(zone.status).toBe(500);
    expect(zone.json.errors[0]).toBe('Zone information could not be determined');
  });

  it('answers a wrong integration code with 500 and a wrong secret or user with 401', async () => {
    const code = await call(
      'GET',
      'ThresholdInformation',
      undefined,
      authHeaders({ ApiIntegrationCode: 'x' }),
    );
    expect(code).toMatchObject({ status: 500, json: { errors: ['IntegrationCode is invalid.'] } });
    const secret = await call('GET', 'ThresholdInformation', undefined, authHeaders({ Secret: 'wrong' }));
    expect(secret.status).toBe(401);
    expect(secret.json.Message).toMatch(/denied/);
    const user = await call(
      'GET',
      'ThresholdInformation',
      undefined,
      authHeaders({ UserName: 'other@x.example' }),
    );
    expect(user.status).toBe(401);
  });
});

describe('sandbox Autotask: queries', () => {
  const ids = (json: { items: { id: number }[] }) => json.items.map((i) => i.id);

  it('pages 500 at a time in id order with a nextPageUrl that a GET cannot follow', async () => {
    const first = await call('POST', 'Companies/query', {
      MaxRecords: 500,
      filter: [{ op: 'gte', field: 'id', value: 0 }],
    });
    expect(first.json.items).toHaveLength(500);
    expect(ids(first.json)).toEqual([...ids(first.json)].sort((a, b) => a - b));
    const next = first.json.pageDetails.nextPageUrl as string;
    expect(next).toContain(at.zoneBaseUrl);
    expect((await call('GET', next)).status).toBe(405);
    const second = await call('POST', next);
    expect(second.status).toBe(200);
    expect(second.json.items[0].id).toBeGreaterThan(Math.max(...ids(first.json)));
  });

  it('rejects more than 500 records a page', async () => {
    const answer = await call('POST', 'Companies/query', {
      maxRecords: 501,
      filter: [{ op: 'exist', field: 'id' }],
    });
    expect(answer.status).toBe(500);
  });

  it('evaluates every operator and and/or groups', async () => {
    const customers = at.data.companies.filter((c) => c.companyType === 1 && c.isActive && c.id > 0).length;
    const count = async (filter: unknown[]) =>
      (await call('POST', 'Companies/query/count', { filter })).json.queryCount;
    expect(
      await count([
        { op: 'gt', field: 'id', value: 0 },
        { op: 'eq', field: 'companyType', value: 1 },
        { op: 'eq', field: 'isActive', value: true },
      ]),
    ).toBe(customers);
    expect(await count([{ op: 'noteq', field: 'companyType', value: 1 }])).toBe(
      at.data.companies.filter((c) => c.companyType !== 1).length,
    );
    expect(await count([{ op: 'beginsWith', field: 'companyName', value: 'northwind' }])).toBe(2);
    expect(await count([{ op: 'contains', field: 'companyName', value: '<!channel>' }])).toBe(1);
    expect(await count([{ op: 'in', field: 'id', value: [0, ...at.cases.duplicateNameIds] }])).toBe(3);
    expect(await count([{ op: 'lt', field: 'id', value: 1 }])).toBe(1);
    expect(
      await count([
        {
          op: 'or',
          items: [
            { op: 'eq', field: 'id', value: 0 },
            {
              op: 'and',
              items: [
                { op: 'eq', field: 'companyType', value: 7 },
                { op: 'exist', field: 'companyName' },
              ],
            },
          ],
        },
      ]),
    ).toBe(1 + at.data.companies.filter((c) => c.companyType === 7).length);
  });

  it('serves companyType labels as a picklist', async () => {
    const answer = await call('GET', 'Companies/entityInformation/fields');
    const type = answer.json.fields.find((f: { name: string }) => f.name === 'companyType');
    expect(type.picklistValues.map((v: { label: string }) => v.label)).toContain('Customer');
  });
});

describe('sandbox Autotask: limits and faults', () => {
  it('turns away a 4th concurrent request on one endpoint and counts what it saw', async () => {
    const slow = await startSandboxAutotask({ companies: 5, latencyMs: 150 });
    try {
      const base = `${slow.zoneBaseUrl}/ATServicesRest/V1.0/`;
      const headers = {
        ApiIntegrationCode: slow.credentials.integrationCode,
        UserName: slow.credentials.username,
        Secret: slow.credentials.secret,
      };
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(`${base}ThresholdInformation`, { headers }).then(async (r) => {
            await r.body.text();
            return r.statusCode;
          }),
        ),
      );
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
      expect(slow.stats().endpoints.ThresholdInformation).toMatchObject({ maxConcurrent: 4, throttled: 2 });
    } finally {
      await slow.close();
    }
  });

  it('stops at the hourly budget with a 429 and Retry-After, reporting use in ThresholdInformation', async () => {
    at.setBudgetUsed(9_999);
    const threshold = await call('GET', 'ThresholdInformation');
    expect(threshold.json).toEqual({
      externalRequestThreshold: 10_000,
      requestThresholdTimeframe: 60,
      currentTimeframeRequestCount: 10_000,
    });
    const over = await call('GET', 'ThresholdInformation');
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    at.setBudgetUsed(0);
  });

  it('injects faults for the given number of requests', async () => {
    at.injectFault({ path: 'Companies/query', status: 503, body: 'html', times: 1 });
    const faulty = await call('POST', 'Companies/query/count', { filter: [{ op: 'exist', field: 'id' }] });
    expect(faulty.status).toBe(503);
    expect(faulty.text).toMatch(/^<!DOCTYPE html>/);
    const healthy = await call('POST', 'Companies/query/count', { filter: [{ op: 'exist', field: 'id' }] });
    expect(healthy.status).toBe(200);
  });
});

describe('sandbox Autotask: data set', () => {
  it('is the same for the same seed and holds the hard cases', async () => {
    const again = await startSandboxAutotask({ companies: 1_200, contactsPerCompany: 2 });
    await again.close();
    expect(again.data).toEqual(at.data);
    const { companies, contacts, cases } = at.data;
    expect(companies[0]).toMatchObject({ id: 0 });
    expect(
      Object.keys(cases.companyIdByType)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(contacts).toHaveLength(1_200 * 2 + 2);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    expect(byId.get(cases.secondEmailOnlyContactId)).toMatchObject({ emailAddress: null });
    expect(byId.get(cases.secondEmailOnlyContactId)?.emailAddress2).toMatch(/@/);
    const shared = cases.sharedEmail.contactIds.map((id) => byId.get(id)?.companyID);
    expect(new Set(shared).size).toBe(2);
    expect(contacts.some((c) => c.isActive === 0) && contacts.some((c) => c.isActive === 1)).toBe(true);
    expect(companies.some((c) => c.lastTrackedModifiedDateTime?.endsWith('Z') === false)).toBe(true);
  });
});

describe('sandbox Autotask: names of managed companies', () => {
  it('spells every managed company but the last differently, with the same normalised name', () => {
    const names = at.cases.variantCompanyIds.map(
      (id) => at.data.companies.find((c) => c.id === id)?.companyName ?? '',
    );
    const managed = SANDBOX_EXISTING_MANAGED_COMPANIES.slice(0, -1);
    expect(names).toHaveLength(managed.length);
    const keys = new Set(names.map((n) => normaliseCompanyName(n).key));
    for (const original of managed) {
      expect(names).not.toContain(original);
      expect(keys).toContain(normaliseCompanyName(original).key);
    }
    const last = normaliseCompanyName(SANDBOX_EXISTING_MANAGED_COMPANIES.at(-1) ?? '').key;
    expect(at.data.companies.some((c) => normaliseCompanyName(c.companyName).key === last)).toBe(false);
  });
});
