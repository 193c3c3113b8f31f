import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type AppError, isAppError } from '../../../../src/domain/errors.js';
import type { PsaCompany } from '../../../../src/domain/psa-records.js';
import { gather, gatherWithOutcome } from '../shared/gather.js';
import { API, API_ORIGIN, CREDENTIALS, type MockAutotask, mockAutotask } from './mock-autotask.js';

const CUSTOMERS = { typeIds: ['1'], statusIds: [], activeOnly: true };
const HTML = '<!DOCTYPE html><html><body><h1>Runtime Error</h1><p>Server stack trace here</p></body></html>';

let mock: MockAutotask;
afterEach(async () => {
  await mock.agent.close();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${inspect(error)}`);
  // Whatever the failure, nothing sent or received may leak through the error.
  const dump = `${JSON.stringify(error)} ${error.message} ${inspect(error, { depth: 5 })} ${String(error.cause)}`;
  for (const leak of [
    CREDENTIALS.secret,
    CREDENTIALS.integrationCode,
    'Runtime Error',
    'IntegrationCode',
    'threshold',
  ]) {
    expect(dump).not.toContain(leak);
  }
  return error;
}

function companiesAnswer(status: number, data: string | object, headers: Record<string, string> = {}) {
  // The count runs beside the first page; it answers normally so the page decides the outcome.
  mock.api.intercept({ path: `${API}/Companies/query/count`, method: 'POST' }).reply(200, { queryCount: 1 });
  mock.api.intercept({ path: `${API}/Companies/query`, method: 'POST' }).reply((opts) => {
    mock.record(API_ORIGIN, opts);
    return { statusCode: status, data, responseOptions: { headers } };
  });
}

const companyQueries = () => mock.seen.filter((r) => r.path === `${API}/Companies/query`).length;

describe('Autotask contract: authentication failures in every form, never retried', () => {
  it.each([
    ['401 with a Message body', 401, { Message: 'Authorization has been denied for this request.' }],
    [
      '500 "Zone information could not be determined"',
      500,
      { errors: ['Zone information could not be determined'] },
    ],
    ['500 "IntegrationCode is invalid."', 500, { errors: ['IntegrationCode is invalid.'] }],
    ['500 with the message in Message', 500, { Message: 'IntegrationCode is invalid.' }],
  ])('%s', async (_name, status, body) => {
    mock = mockAutotask();
    companiesAnswer(status, body);
    const error = await failure(
      gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink)),
    );
    expect(error.code).toBe('psa_auth_failed');
    expect(companyQueries()).toBe(1);
    expect(mock.sleeps).toEqual([]);
  });

  it.each([
    ['not found', 404, { Message: 'No zone' }],
    [
      '500 "Zone information could not be determined"',
      500,
      { errors: ['Zone information could not be determined'] },
    ],
    ['200 without a zone url', 200, { zoneName: null, url: null }],
  ])('zone discovery answering %s', async (_name, status, body) => {
    mock = mockAutotask();
    // The persistent default answer would otherwise come first.
    mock.zone.cleanMocks();
    mock.zone.intercept({ path: (p) => p.includes('ZoneInformation'), method: 'GET' }).reply(status, body);
    const session = mock.open();
    const error = await failure(session.testConnection());
    expect(error.code).toBe('psa_auth_failed');
    expect(session.requestCount()).toBe(1);
  });
});

describe('Autotask contract: other failures', () => {
  it('maps 403 to psa_forbidden', async () => {
    mock = mockAutotask();
    companiesAnswer(403, '');
    expect(
      (await failure(gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink))))
        .code,
    ).toBe('psa_forbidden');
  });

  it('treats a 405 as an invalid response and does not retry it', async () => {
    mock = mockAutotask();
    companiesAnswer(405, { Message: "The requested resource does not support http method 'GET'." });
    expect(
      (await failure(gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink))))
        .code,
    ).toBe('psa_invalid_response');
    expect(companyQueries()).toBe(1);
  });

  it('maps an HTML 500 to psa_server_error without reading the page', async () => {
    mock = mockAutotask();
    companiesAnswer(500, HTML, { 'content-type': 'text/html' });
    expect(
      (await failure(gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink))))
        .code,
    ).toBe('psa_server_error');
  });

  it('retries an HTML 503 with jitter, then gives psa_server_error', async () => {
    mock = mockAutotask();
    for (let i = 0; i < 3; i += 1) companiesAnswer(503, HTML, { 'content-type': 'text/html' });
    expect(
      (await failure(gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink))))
        .code,
    ).toBe('psa_server_error');
    expect(companyQueries()).toBe(3);
  });

  it.each([
    ['a 200 that is HTML', 200, HTML],
    ['items that are not a list', 200, { items: { id: 1 } }],
    ['no items at all', 200, { pageDetails: {} }],
  ])('maps %s to psa_invalid_response', async (_name, status, body) => {
    mock = mockAutotask();
    companiesAnswer(status, body);
    expect(
      (await failure(gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink))))
        .code,
    ).toBe('psa_invalid_response');
  });
});

describe('Autotask contract: odd records', () => {
  it('skips and reports a record of the wrong shape while the others come through', async () => {
    mock = mockAutotask();
    companiesAnswer(200, {
      items: [
        { id: 1, companyName: 7, isActive: 'yes' },
        { id: 2, companyName: 'Acme', isActive: true, companyType: 1 },
        { companyName: 'No id', isActive: true },
      ],
      pageDetails: { count: 3, requestCount: 500, nextPageUrl: null },
    });
    const { records, outcome } = await gatherWithOutcome<PsaCompany>((sink) =>
      mock.open().fetchCompanies(CUSTOMERS, () => {}, sink),
    );
    expect(records.map((c) => c.psaId)).toEqual([2]);
    expect(outcome).toEqual({
      records: 1,
      skippedCount: 2,
      skipped: [
        { entity: 'company', psaId: 1, reason: 'unexpected data in companyName' },
        { entity: 'company', psaId: null, reason: 'unexpected data in id' },
      ],
    });
  });
});

describe('Autotask contract: limits', () => {
  it('backs off after a 429 thread-threshold answer and then succeeds', async () => {
    mock = mockAutotask();
    companiesAnswer(429, { errors: ['Thread threshold of 3 exceeded for this integration on Companies'] });
    companiesAnswer(200, {
      items: [{ id: 7, companyName: 'Acme', companyType: 1, isActive: true }],
      pageDetails: {},
    });
    const companies = await gather<PsaCompany>((sink) =>
      mock.open().fetchCompanies(CUSTOMERS, () => {}, sink),
    );
    expect(companies.map((c) => c.psaId)).toEqual([7]);
    expect(companyQueries()).toBe(2);
    expect(mock.sleeps.length).toBeGreaterThan(0);
  });

  it('stops with psa_budget_exhausted before eating into the reserve, sending no query', async () => {
    mock = mockAutotask({ used: 9_000, limit: 10_000 });
    const session = mock.open();
    const error = await failure(
      gather<PsaCompany>((sink) => session.fetchCompanies(CUSTOMERS, () => {}, sink)),
    );
    expect(error.code).toBe('psa_budget_exhausted');
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(60);
    expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(3_600);
    expect(companyQueries()).toBe(0);
    expect(session.requestCount()).toBe(2);
  });

  it('slows down once the hourly budget is more than half used', async () => {
    mock = mockAutotask({ used: 7_000, limit: 10_000 });
    companiesAnswer(200, { items: [], pageDetails: {} });
    await gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink));
    expect(mock.sleeps.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...mock.sleeps)).toBeGreaterThan(0);
  });

  it('reports an hourly-budget 429 with its Retry-After', async () => {
    mock = mockAutotask();
    companiesAnswer(429, { errors: ['Request threshold exceeded.'] }, { 'retry-after': '1200' });
    const error = await failure(
      gather<PsaCompany>((sink) => mock.open().fetchCompanies(CUSTOMERS, () => {}, sink)),
    );
    expect(error).toMatchObject({ code: 'psa_budget_exhausted', details: { retryAfterSeconds: 1_200 } });
  });
});
