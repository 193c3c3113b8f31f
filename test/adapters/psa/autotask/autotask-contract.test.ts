import { afterEach, describe, expect, it } from 'vitest';
import type { PsaCompany, PsaContact } from '../../../../src/domain/psa-records.js';
import { gather } from '../shared/gather.js';
import {
  API,
  API_ORIGIN,
  CREDENTIALS,
  cursorOf,
  type MockAutotask,
  mockAutotask,
  upperBoundOf,
  ZONE_ORIGIN,
} from './mock-autotask.js';

const CUSTOMERS = { typeIds: ['1'], statusIds: [], activeOnly: true };

/** Company ids with gaps, like a database that has deleted some. */
function companyIds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 29_680_000 + i * 10 + (i % 7));
}

function company(id: number) {
  return {
    id,
    companyName: `Company ${id}`,
    companyType: 1,
    isActive: true,
    lastTrackedModifiedDateTime: null,
  };
}

/**
 * Answers Companies/query like Autotask: the 500 lowest ids above the cursor (and up to an
 * `id lte` bound when one is sent), page order scrambled.
 */
function serveCompanies(mock: MockAutotask, ids: readonly number[]) {
  mock.api
    .intercept({ path: `${API}/Companies/query`, method: 'POST' })
    .reply((opts) => {
      mock.record(API_ORIGIN, opts);
      const body = JSON.parse(String(opts.body));
      const after = cursorOf(body);
      const upTo = upperBoundOf(body);
      const rest = ids.filter((id) => id > after && id <= upTo);
      const page = rest.slice(0, 500);
      const nextPageUrl = rest.length > 500 ? `${API_ORIGIN}${API}/Companies/query/next?paging=x` : null;
      return {
        statusCode: 200,
        data: { items: page.reverse().map(company), pageDetails: { count: page.length, nextPageUrl } },
      };
    })
    .persist();
  mock.api
    .intercept({ path: `${API}/Companies/query/count`, method: 'POST' })
    .reply(200, { queryCount: ids.length })
    .persist();
}

let mock: MockAutotask;
afterEach(async () => {
  await mock.agent.close();
});

describe('Autotask contract: zone discovery', () => {
  it('asks the zone host with only the user name, then sends the three headers to the zone', async () => {
    mock = mockAutotask();
    await mock.open().testConnection();
    const [zone, threshold] = mock.seen;
    expect(zone?.origin).toBe(ZONE_ORIGIN);
    expect(zone?.path).toBe(`${API}/ZoneInformation?user=api%40msp.example`);
    expect(JSON.stringify(zone?.headers)).not.toContain(CREDENTIALS.secret);
    expect(JSON.stringify(zone?.headers)).not.toContain(CREDENTIALS.integrationCode);
    expect(threshold?.origin).toBe(API_ORIGIN);
    expect(threshold?.headers).toMatchObject({
      apiintegrationcode: CREDENTIALS.integrationCode,
      username: CREDENTIALS.username,
      secret: CREDENTIALS.secret,
      'content-type': 'application/json',
    });
  });

  it('caches the zone per API user and discovers again for another user', async () => {
    mock = mockAutotask();
    await mock.open().testConnection();
    await mock.open().testConnection();
    await mock.open({}, { username: 'other@msp.example' }).testConnection();
    const zoneCalls = mock.seen.filter((r) => r.origin === ZONE_ORIGIN).map((r) => r.path);
    expect(zoneCalls).toEqual([
      `${API}/ZoneInformation?user=api%40msp.example`,
      `${API}/ZoneInformation?user=other%40msp.example`,
    ]);
  });

  it('honours a configured zone base and rejects an unsafe one before any request', () => {
    mock = mockAutotask();
    expect(() => mock.open({ zoneBaseUrl: 'http://zones.example' })).toThrow('invalid_input');
    expect(mock.seen).toHaveLength(0);
  });
});

describe('Autotask contract: paging with the id cursor', () => {
  it.each([1_250, 1_000, 501, 500])(
    'reads %i companies once each across the 500 boundaries',
    async (count) => {
      mock = mockAutotask();
      const ids = companyIds(count);
      serveCompanies(mock, ids);
      const companies = await gather<PsaCompany>((sink) =>
        mock.open().fetchCompanies(CUSTOMERS, () => {}, sink),
      );
      expect(companies.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(ids);
      const queries = mock.seen.filter((r) => r.path === `${API}/Companies/query`);
      // The id ranges after the first page are cut at whole pages: no request more than one cursor takes.
      expect(queries).toHaveLength(Math.ceil(count / 500));
      expect(cursorOf(queries[0]?.body)).toBe(0);
      // Every later query starts at the first page's last id or at a range's cut.
      for (const query of queries.slice(1))
        expect(cursorOf(query.body)).toBeGreaterThanOrEqual(ids[499] ?? 0);
      // POST-origin paging links are never requested.
      expect(mock.seen.some((r) => r.path.includes('/query/next'))).toBe(false);
    },
  );

  it('sends Autotask query bodies: maxRecords 500, the filter, the fields it reads', async () => {
    mock = mockAutotask();
    serveCompanies(mock, companyIds(3));
    const companies = await gather<PsaCompany>((sink) =>
      mock.open().fetchCompanies(CUSTOMERS, () => {}, sink),
    );
    const query = mock.seen.find((r) => r.path === `${API}/Companies/query`);
    expect(query?.method).toBe('POST');
    expect(query?.body).toEqual({
      maxRecords: 500,
      includeFields: [
        'id',
        'companyName',
        'companyType',
        'isActive',
        'lastTrackedModifiedDateTime',
        'webAddress',
      ],
      filter: [
        { op: 'gt', field: 'id', value: 0 },
        { op: 'in', field: 'companyType', value: [1] },
        { op: 'eq', field: 'isActive', value: true },
      ],
    });
    // Labels come from the picklist: this database calls type 1 "Client".
    expect(companies[0]?.typeNames).toEqual(['Client']);
  });

  it('fetches contacts with companyID in [...] batches and maps 1/0 and the email fallbacks', async () => {
    mock = mockAutotask();
    const bodies: unknown[] = [];
    mock.api
      .intercept({ path: `${API}/Contacts/query`, method: 'POST' })
      .reply((opts) => {
        const body = JSON.parse(String(opts.body));
        bodies.push(body);
        const companyIds = (body.filter[1] as { value: number[] }).value;
        const items = companyIds.map((companyID, i) => ({
          id: companyID * 10,
          companyID,
          firstName: ' Ana ',
          lastName: null,
          emailAddress: i === 0 ? '' : null,
          emailAddress2: i === 0 ? 'second@x.example' : null,
          emailAddress3: 'third@x.example',
          isActive: i === 0 ? 0 : 1,
          primaryContact: true,
          billingContact: false,
        }));
        return { statusCode: 200, data: { items, pageDetails: { nextPageUrl: null } } };
      })
      .persist();
    mock.api
      .intercept({ path: `${API}/Contacts/query/count`, method: 'POST' })
      .reply(200, { queryCount: 5 })
      .persist();
    const contacts = await gather<PsaContact>((sink) =>
      mock.open({ contactBatchSize: 2 }).fetchContacts([5, 1, 2, 3, 4, 0], () => {}, sink),
    );
    expect(bodies.map((b) => (b as { filter: { value: unknown }[] }).filter[1]?.value)).toEqual(
      expect.arrayContaining([[1, 2], [3, 4], [5]]),
    );
    expect(bodies).toHaveLength(3);
    const first = contacts.find((c) => c.companyPsaId === 1);
    expect(first).toMatchObject({ firstName: 'Ana', lastName: '', active: false, typeNames: ['Primary'] });
    expect(first?.emails).toEqual(['second@x.example', 'third@x.example']);
    expect(contacts.find((c) => c.companyPsaId === 2)).toMatchObject({
      active: true,
      emails: ['third@x.example'],
    });
  });
});
