import { setTimeout as realSleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createHaloProvider, type HaloSettings } from '../../../../adapters/psa/halopsa/halo-provider.js';
import type { FaultBody } from '../../../../adapters/psa/sandbox/autotask/faults.js';
import {
  type SandboxHalo,
  type SandboxHaloOptions,
  startSandboxHalo,
} from '../../../../adapters/psa/sandbox/halopsa/server.js';
import type { PsaProviderContext } from '../../../../adapters/psa/shared/provider-definition.js';
import type { PsaCompany } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { PsaSession } from '../../../../src/ports/psa-gateway.js';
import { appErrorOf } from '../shared/app-error-of.js';
import { gather, gatherWithOutcome } from '../shared/gather.js';

const EVERYTHING = { typeIds: [], statusIds: [], activeOnly: false };
let halo: SandboxHalo | undefined;
afterEach(async () => {
  await halo?.close();
  halo = undefined;
});

async function start(options: SandboxHaloOptions): Promise<SandboxHalo> {
  halo = await startSandboxHalo(options);
  return halo;
}

function open(
  sandbox: SandboxHalo,
  settings: HaloSettings = {},
  ctx: Partial<PsaProviderContext> = {},
): PsaSession {
  const credentials = new Secret<Readonly<Record<string, string>>>({
    baseUrl: sandbox.baseUrl,
    clientId: sandbox.credentials.clientId,
    clientSecret: sandbox.credentials.clientSecret,
  });
  return createHaloProvider().open(credentials, { timeoutMs: 5_000, maxAttempts: 4, ...ctx }, settings);
}

const page = (ids: readonly number[], recordCount: number): FaultBody => ({
  json: {
    page_no: 1,
    page_size: 100,
    record_count: recordCount,
    clients: ids.map((id) => ({ id, name: `C${id}` })),
  },
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('HaloPSA rate limits', () => {
  it('paces requests to its share of the rolling window, so Halo never answers 429', async () => {
    const sandbox = await start({
      clients: 900,
      usersPerClient: 0,
      rateLimit: { limit: 6, windowMs: 1_500 },
    });
    const session = open(sandbox, { rateWindow: { limit: 6, windowMs: 1_500 } });
    const companies = await gather<PsaCompany>((sink) => session.fetchCompanies(EVERYTHING, () => {}, sink));
    expect(companies).toHaveLength(900);
    expect(sandbox.stats().rateLimited).toBe(0);
    // Authinfo, token and 9 pages: every request counted, as the result shows it.
    expect(session.requestCount()).toBe(sandbox.stats().requests);
    expect(session.requestCount()).toBe(11);
  });

  it('honours Retry-After when Halo answers 429 anyway, then goes on', async () => {
    const sandbox = await start({
      clients: 450,
      usersPerClient: 0,
      rateLimit: { limit: 3, windowMs: 1_000 },
    });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
      await realSleep(ms);
    };
    const session = open(
      sandbox,
      { rateWindow: { limit: 1_000, windowMs: 1_000 } },
      { sleep, random: () => 0 },
    );
    const companies = await gather<PsaCompany>((sink) => session.fetchCompanies(EVERYTHING, () => {}, sink));
    expect(companies).toHaveLength(450);
    expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
    expect(waits.some((ms) => ms >= 1_000)).toBe(true);
  });
});

describe('HaloPSA paging and validation', () => {
  it('goes on past a short page while rows are missing, and stops at record_count', async () => {
    const sandbox = await start({ clients: 5 });
    sandbox.injectFault({ path: '/api/Client', status: 200, body: page(range(1, 100), 230) });
    sandbox.injectFault({ path: '/api/Client', status: 200, body: page(range(101, 150), 230) });
    sandbox.injectFault({ path: '/api/Client', status: 200, body: page(range(151, 230), 230) });
    const companies = await gather<PsaCompany>((sink) =>
      open(sandbox).fetchCompanies(EVERYTHING, () => {}, sink),
    );
    expect(companies.map((c) => c.psaId)).toEqual(range(1, 230));
    expect(sandbox.stats().byPath['/api/Client']).toBe(3);
  });

  it('skips a malformed record, keeps the others, and names it in the outcome without its data', async () => {
    const sandbox = await start({ clients: 5 });
    sandbox.injectFault({
      path: '/api/Client',
      status: 200,
      body: {
        json: {
          record_count: 3,
          clients: [
            { id: 5, name: 'Good' },
            { id: 7, name: 42 },
            { id: 6, name: 'Also good' },
          ],
        },
      },
    });
    const { records, outcome } = await gatherWithOutcome<PsaCompany>((sink) =>
      open(sandbox).fetchCompanies(EVERYTHING, () => {}, sink),
    );
    expect(records.map((c) => c.name)).toEqual(['Good', 'Also good']);
    expect(outcome).toEqual({
      records: 2,
      skippedCount: 1,
      skipped: [{ entity: 'company', psaId: 7, reason: 'unexpected data in name' }],
    });
  });

  it.each<[string, FaultBody]>([
    ['every record is malformed', { json: { record_count: 2, clients: [{ id: 'a' }, { name: 'no id' }] } }],
    ['the page has no record_count', { json: { clients: [{ id: 5, name: 'A' }] } }],
    ['the list is under another key', { json: { record_count: 1, areas: [{ id: 5, name: 'A' }] } }],
  ])('answers "invalid response" when %s', async (_, body) => {
    const sandbox = await start({ clients: 5 });
    sandbox.injectFault({ path: '/api/Client', status: 200, body });
    expect(
      (
        await appErrorOf(
          gather<PsaCompany>((sink) => open(sandbox).fetchCompanies(EVERYTHING, () => {}, sink)),
        )
      ).code,
    ).toBe('psa_invalid_response');
  });

  it('stops with "invalid response" when the server ignores page_no instead of paging forever', async () => {
    const sandbox = await start({ clients: 5 });
    sandbox.injectFault({
      path: '/api/Client',
      status: 200,
      body: page(range(1, 100), 1_000),
      times: Infinity,
    });
    expect(
      (
        await appErrorOf(
          gather<PsaCompany>((sink) => open(sandbox).fetchCompanies(EVERYTHING, () => {}, sink)),
        )
      ).code,
    ).toBe('psa_invalid_response');
    expect(sandbox.stats().byPath['/api/Client']).toBe(2);
  });

  it.each<[number, FaultBody, string]>([
    [500, { json: { resultCode: 500, errorMessage: 'Object reference not set' } }, 'psa_server_error'],
    [403, { json: { ClassName: 'HaloForbiddenException', Message: 'Denied' } }, 'psa_forbidden'],
    [400, { json: { id: 'The value is not valid', '[0].id': 'bad' } }, 'psa_invalid_response'],
    [404, { json: { Message: 'No HTTP resource was found' } }, 'psa_invalid_response'],
    [502, 'html', 'psa_server_error'],
  ])('maps a %i, whatever its body says, by its status', async (status, body, code) => {
    const sandbox = await start({ clients: 5 });
    sandbox.injectFault({ path: '/api/Client', status, body, times: Infinity });
    const session = open(sandbox, {}, { maxAttempts: 1 });
    expect(
      (await appErrorOf(gather<PsaCompany>((sink) => session.fetchCompanies(EVERYTHING, () => {}, sink))))
        .code,
    ).toBe(code);
  });
});
