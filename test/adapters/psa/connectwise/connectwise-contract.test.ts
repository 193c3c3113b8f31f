import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTWISE_ACCEPT } from '../../../../adapters/psa/connectwise/connectwise-api.js';
import type { PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import type { FetchProgress } from '../../../../src/ports/psa-gateway.js';
import { appErrorOf } from '../shared/app-error-of.js';
import { gather } from '../shared/gather.js';
import { API, createHarness, PREFIX, PRIVATE_KEY, SITE } from './connectwise-mock.js';

let h: ReturnType<typeof createHarness>;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.agent.close();
});

const ALL = { typeIds: [], statusIds: [], activeOnly: false };
const STATUSES = [
  { id: 1, name: 'Active', inactiveFlag: false },
  { id: 2, name: 'Inactive', inactiveFlag: true },
  { id: 3, name: 'Credit Hold' },
];
const company = (id: number, extra: object = {}) => ({
  id,
  identifier: `c${id}`,
  name: `Company ${id}`,
  status: { id: 1, name: 'Active' },
  types: [{ id: 1, name: 'Client' }],
  ...extra,
});

/** Statuses paged by number, as a server that ignores forward-only would. */
function stubStatuses() {
  h.route(API, h.api('/company/companies/statuses'), (request) => {
    const size = Number(request.url.searchParams.get('pageSize'));
    const page = Number(request.url.searchParams.get('page') ?? 1);
    return { body: STATUSES.slice((page - 1) * size, page * size) };
  });
}

describe('ConnectWise requests', () => {
  it('sends Basic auth, the clientId and the pinned Accept version to the API host', async () => {
    h.route(
      API,
      (p) => p.includes('/count'),
      () => ({ body: { count: 0 } }),
    );
    await h.open().testConnection();
    expect(h.seen.map((r) => r.url.pathname).sort()).toEqual([
      `${PREFIX}/company/companies/count`,
      `${PREFIX}/company/contacts/count`,
    ]);
    const expectedAuth = `Basic ${Buffer.from(`acmemsp+pubKEY42:${PRIVATE_KEY}`).toString('base64')}`;
    for (const request of h.seen) {
      expect(request.headers.authorization).toBe(expectedAuth);
      expect(request.headers.clientid).toBe('client-0123');
      expect(request.headers.accept).toBe(CONNECTWISE_ACCEPT);
    }
    expect(CONNECTWISE_ACCEPT).toBe('application/vnd.connectwise.com+json; version=2026.4');
  });

  it('discovers the codebase from companyinfo without sending credentials there', async () => {
    h.route(
      SITE,
      (p) => p === '/login/companyinfo/acmemsp',
      () => ({ body: { Codebase: 'v2025_2/', IsCloud: true } }),
    );
    h.route(
      API,
      (p) => p.startsWith('/v2025_2/apis/3.0/'),
      () => ({ body: { count: 1 } }),
    );
    await h.open({ codebase: '' }).testConnection();
    const info = h.seen.find((r) => r.url.origin === SITE);
    expect(info?.headers.authorization).toBeUndefined();
    expect(h.seen.filter((r) => r.url.pathname.startsWith('/v2025_2/apis/3.0/company/'))).toHaveLength(2);
  });

  it('falls back to v4_6_release when companyinfo is not served', async () => {
    h.route(
      SITE,
      (p) => p.startsWith('/login/companyinfo/'),
      () => ({ status: 404, body: '<html>Not found</html>' }),
    );
    h.route(
      API,
      (p) => p.startsWith('/v4_6_release/apis/3.0/'),
      () => ({ body: { count: 1 } }),
    );
    await h.open({ codebase: '' }).testConnection();
    expect(h.seen.filter((r) => r.url.pathname.startsWith('/v4_6_release/'))).toHaveLength(2);
  });

  it('escapes quotes in condition values and URL-encodes the conditions', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 0 } }));
    h.route(API, h.api('/company/companies'), () => ({ body: [] }));
    await gather<PsaCompany>((sink) =>
      h.open({ companyId: 'acme"m\\sp' }).fetchCompanies(ALL, () => {}, sink),
    );
    const list = h.seen.find((r) => r.url.pathname === `${PREFIX}/company/companies`);
    expect(list?.url.searchParams.get('conditions')).toBe(
      'deletedFlag = false and identifier != "acme\\"m\\\\sp"',
    );
    expect(list?.path).toContain(
      'conditions=deletedFlag+%3D+false+and+identifier+%21%3D+%22acme%5C%22m%5C%5Csp%22',
    );
  });
});

describe('ConnectWise paging', () => {
  it('pages the rest in parallel id ranges, each following its own Links forward-only', async () => {
    stubStatuses();
    const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: ids.length } }));
    h.route(API, h.api('/company/companies'), (request) => {
      // A faithful little server: honours `id > a`, `id <= b`, pageId and pageSize, links the next page.
      const conditions = request.url.searchParams.get('conditions') ?? '';
      const above = Number(/id > (\d+)/.exec(conditions)?.[1] ?? 0);
      const upTo = Number(/id <= (\d+)/.exec(conditions)?.[1] ?? Number.POSITIVE_INFINITY);
      const after = Number(request.url.searchParams.get('pageId') ?? 0);
      const size = Number(request.url.searchParams.get('pageSize'));
      const matching = ids.filter((id) => id > above && id <= upTo && id > after);
      const rows = matching.slice(0, size);
      const next = new URL(request.url);
      next.searchParams.set('pageId', String(rows.at(-1)));
      const link = matching.length > size ? { link: `<${next.href}>; rel="next"` } : {};
      return { body: rows.map((id) => company(id)), headers: link };
    });
    const progress: FetchProgress[] = [];
    const session = h.open({}, { pageSize: 2, concurrency: 2 });
    const companies = await gather<PsaCompany>((sink) =>
      session.fetchCompanies(ALL, (p) => progress.push(p), sink),
    );
    expect(companies.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(ids);
    const pages = h.seen.filter((r) => r.url.pathname === `${PREFIX}/company/companies`);
    const described = pages.map(
      (r) => `${r.url.searchParams.get('conditions')} @${r.url.searchParams.get('pageId')}`,
    );
    // First page [1,2]; 7 left at one id per record: ranges (2,6] and (6,∞), two pages each.
    expect(described.sort()).toEqual(
      [
        'deletedFlag = false and identifier != "acmemsp" @null',
        'deletedFlag = false and identifier != "acmemsp" and id > 2 and id <= 6 @null',
        'deletedFlag = false and identifier != "acmemsp" and id > 2 and id <= 6 @4',
        'deletedFlag = false and identifier != "acmemsp" and id > 6 @null',
        'deletedFlag = false and identifier != "acmemsp" and id > 6 @8',
      ].sort(),
    );
    expect(pages.every((r) => r.headers['pagination-type'] === 'forward-only')).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'companies', done: 9, total: 9 });
  });

  it('stops with an invalid response when the server repeats the same page', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 9 } }));
    h.route(API, h.api('/company/companies'), () => ({ body: [company(1), company(2)] }));
    const error = await appErrorOf(
      gather<PsaCompany>((sink) => h.open({}, { pageSize: 2 }).fetchCompanies(ALL, () => {}, sink)),
    );
    expect(error.code).toBe('psa_invalid_response');
    // First page, then page 2 and 3 by number: the repeat is noticed instead of paging forever.
    expect(h.seen.filter((r) => r.url.pathname === `${PREFIX}/company/companies`)).toHaveLength(3);
  });

  it('refuses a next link to another host', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 4 } }));
    h.route(API, h.api('/company/companies'), () => ({
      body: [company(1), company(2)],
      headers: { link: '<https://evil.example/v2026_1/apis/3.0/company/companies?pageId=2>; rel="next"' },
    }));
    const error = await appErrorOf(
      gather<PsaCompany>((sink) => h.open({}, { pageSize: 2 }).fetchCompanies(ALL, () => {}, sink)),
    );
    expect(error.code).toBe('psa_invalid_response');
  });

  it('falls back to page numbers when the server ignores forward-only', async () => {
    stubStatuses();
    // No count answer in time would not matter: the fallback stops on the short page.
    h.route(API, h.api('/company/companies/count'), () => ({ status: 200, body: { count: 5 } }));
    h.route(API, h.api('/company/companies'), (request) => {
      const page = Number(request.url.searchParams.get('page') ?? 1);
      const rows = [1, 2, 3, 4, 5].slice((page - 1) * 2, page * 2);
      return { body: rows.map((id) => company(id)) };
    });
    const companies = await gather<PsaCompany>((sink) =>
      h.open({}, { pageSize: 2 }).fetchCompanies(ALL, () => {}, sink),
    );
    expect(companies.map((c) => c.psaId)).toEqual([1, 2, 3, 4, 5]);
    const pages = h.seen.filter((r) => r.url.pathname === `${PREFIX}/company/companies`);
    expect(pages.map((r) => r.url.searchParams.get('page'))).toEqual([null, '2', '3']);
    expect(pages.slice(1).every((r) => r.headers['pagination-type'] === undefined)).toBe(true);
    expect(pages[1]?.url.searchParams.get('orderBy')).toBe('id asc');
  });

  it('stops at a full last page without a Link once the count is reached', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 2 } }));
    h.route(API, h.api('/company/companies'), () => ({ body: [company(1), company(2)] }));
    const session = h.open({}, { pageSize: 2 });
    const companies = await gather<PsaCompany>((sink) => session.fetchCompanies(ALL, () => {}, sink));
    expect(companies).toHaveLength(2);
    // statuses (one page of 1000), count, one page: the count saved the empty page-number request.
    expect(h.seen.filter((r) => r.url.pathname === `${PREFIX}/company/companies`)).toHaveLength(1);
  });
});

describe('ConnectWise companies and filters', () => {
  it('offers types and statuses with client types and active statuses as defaults', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/types'), () => ({
      body: [
        { id: 1, name: 'Client' },
        { id: 2, name: 'Prospect' },
        { id: 7, name: 'Managed Customers' },
      ],
    }));
    const options = await h.open().filterOptions();
    expect(options.types.filter((t) => t.isDefault).map((t) => t.id)).toEqual(['1', '7']);
    expect(options.statuses.filter((s) => s.isDefault).map((s) => s.name)).toEqual(['Active', 'Credit Hold']);
  });

  it('filters by type and active status, and drops deleted, own and Owner-typed companies', async () => {
    stubStatuses();
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 5 } }));
    h.route(API, h.api('/company/companies'), () => ({
      body: [
        company(10, { _info: { lastUpdated: '2026-02-03T04:05:06' } }),
        company(11, { deletedFlag: true }),
        company(12, { identifier: 'ACMEMSP' }),
        company(13, { types: [{ id: 6, name: 'Owner' }] }),
        company(14, { status: { id: 2, name: 'Inactive' }, types: [] }),
      ],
    }));
    const companies = await gather<PsaCompany>((sink) =>
      h.open().fetchCompanies({ typeIds: ['1', '4'], statusIds: [], activeOnly: true }, () => {}, sink),
    );
    const list = h.seen.find((r) => r.url.pathname === `${PREFIX}/company/companies`);
    expect(list?.url.searchParams.get('conditions')).toBe(
      'deletedFlag = false and identifier != "acmemsp" and status/id in (1,3)',
    );
    expect(list?.url.searchParams.get('childConditions')).toBe('types/id in (1,4)');
    expect(companies).toEqual([
      {
        psaId: 10,
        name: 'Company 10',
        nameCut: false,
        typeNames: ['Client'],
        statusName: 'Active',
        active: true,
        updatedAt: '2026-02-03T04:05:06.000Z',
      },
      {
        psaId: 14,
        name: 'Company 14',
        nameCut: false,
        typeNames: [],
        statusName: 'Inactive',
        active: false,
        updatedAt: null,
      },
    ]);
  });

  it('intersects chosen statuses with active ones and asks nothing when none remain', async () => {
    stubStatuses();
    const session = h.open();
    const companies = await gather<PsaCompany>((sink) =>
      session.fetchCompanies({ typeIds: [], statusIds: ['2'], activeOnly: true }, () => {}, sink),
    );
    expect(companies).toEqual([]);
    expect(h.seen.map((r) => r.url.pathname)).toEqual([`${PREFIX}/company/companies/statuses`]);
  });

  it('rejects a filter id that is not a number', async () => {
    stubStatuses();
    const error = await appErrorOf(
      gather<PsaCompany>((sink) =>
        h
          .open()
          .fetchCompanies({ typeIds: ['1) or (1=1'], statusIds: [], activeOnly: false }, () => {}, sink),
      ),
    );
    expect(error.code).toBe('invalid_input');
  });

  it('explains missing companies from one id query without the deleted filter', async () => {
    h.route(API, h.api('/company/companies'), () => ({
      body: [
        { id: 5, deletedFlag: true },
        { id: 6, deletedFlag: false },
      ],
    }));
    const causes = await h.open().explainMissing([5, 6, 7], ALL);
    expect([...causes.entries()]).toEqual([
      [5, 'deleted'],
      [6, 'filtered-out'],
      [7, 'not-found'],
    ]);
    expect(h.seen[0]?.url.searchParams.get('conditions')).toBe('id in (5,6,7)');
  });
});

describe('ConnectWise contacts', () => {
  it('fetches the contacts of a few companies in batches of company ids, without a count per batch', async () => {
    h.route(API, h.api('/company/companies/count'), () => ({ body: { count: 1_000 } }));
    h.route(API, h.api('/company/contacts/count'), () => ({ body: { count: 10_000 } }));
    h.route(API, h.api('/company/contacts'), (request) => {
      if (request.url.searchParams.get('conditions') !== 'company/id in (1,2)') return { body: [] };
      return {
        body: [
          {
            id: 100,
            firstName: ' Wile ',
            lastName: 'Coyote',
            company: { id: 1 },
            types: [{ id: 2, name: 'Billing' }],
            communicationItems: [
              { value: '555-1234', communicationType: 'Phone', defaultFlag: true },
              { value: 'second@acme.example', communicationType: 'Email', defaultFlag: false },
              { value: 'main@acme.example', communicationType: 'Email', defaultFlag: true },
              { value: '  ', communicationType: 'Email' },
              { value: 'MAIN@acme.example', communicationType: 'Email' },
            ],
          },
          { id: 101, firstName: 'Road', lastName: null, company: { id: 2 }, inactiveFlag: true },
        ],
      };
    });
    const progress: FetchProgress[] = [];
    const contacts = await gather<PsaContact>((sink) =>
      h.open({}, { contactBatchSize: 2 }).fetchContacts([1, 2, 3, 4, 5, 1], (p) => progress.push(p), sink),
    );
    const conditions = h.seen
      .filter((r) => r.url.pathname === `${PREFIX}/company/contacts`)
      .map((r) => r.url.searchParams.get('conditions'))
      .sort();
    expect(conditions).toEqual(['company/id in (1,2)', 'company/id in (3,4)', 'company/id in (5)']);
    expect(contacts).toEqual([
      {
        psaId: 100,
        companyPsaId: 1,
        firstName: 'Wile',
        lastName: 'Coyote',
        emails: ['main@acme.example', 'second@acme.example'],
        active: true,
        typeNames: ['Billing'],
      },
      {
        psaId: 101,
        companyPsaId: 2,
        firstName: 'Road',
        lastName: '',
        emails: [],
        active: false,
        typeNames: [],
      },
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: 2, total: null });
    const counts = h.seen.filter((r) => r.url.pathname.endsWith('/count'));
    expect(counts.map((r) => r.url.pathname).sort()).toEqual([
      `${PREFIX}/company/companies/count`,
      `${PREFIX}/company/contacts/count`,
    ]);
    expect(counts.map((r) => r.url.searchParams.get('conditions')).sort()).toEqual([
      'deletedFlag = false',
      null,
    ]);
  });

  it('asks nothing for no companies', async () => {
    const session = h.open();
    expect(await gather<PsaContact>((sink) => session.fetchContacts([], () => {}, sink))).toEqual([]);
    expect(session.requestCount()).toBe(0);
  });
});
