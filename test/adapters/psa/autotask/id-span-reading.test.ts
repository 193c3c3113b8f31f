/**
 * Autotask reads a list in id ranges cut after its first page: where the cuts fall, and against
 * the loopback sandbox, that the ranges run side by side within the three requests per endpoint
 * and that a count bounds the pages asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutotaskProvider } from '../../../../adapters/psa/autotask/autotask-provider.js';
import { rangesAfter } from '../../../../adapters/psa/autotask/id-span-reading.js';
import {
  type SandboxAutotask,
  startSandboxAutotask,
} from '../../../../adapters/psa/sandbox/autotask/server.js';
import { isAppError } from '../../../../src/domain/errors.js';
import type { PsaCompany } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import { gather } from '../shared/gather.js';

const everyOther = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: from + 2 * i }));

describe('rangesAfter', () => {
  it('cuts the ids after the first page into ranges of whole pages by its id density, the last open', () => {
    // Ids 2, 4, .. 1,000: 999 ids for 500 records. 4,500 left: nine pages, three each, each range
    // cut 1 % short of its 1,500 records (1,485 × 999 / 500 = 2,967 ids).
    const ranges = rangesAfter(everyOther(2, 500), 4_500, 3);
    expect(ranges).toHaveLength(3);
    expect(ranges[0]).toEqual({ after: 1_000, upTo: 1_000 + 2_967 });
    expect(ranges[1]).toEqual({ after: 3_967, upTo: 3_967 + 2_967 });
    expect(ranges[2]).toEqual({ after: 6_934, upTo: null });
  });

  it('gives the odd pages to the earlier ranges and never cuts more ranges than pages', () => {
    const four = rangesAfter(everyOther(2, 500), 2_000, 3);
    expect(four.map((r) => (r.upTo === null ? null : r.upTo - r.after))).toEqual([1_978, 989, null]);
    expect(rangesAfter(everyOther(2, 500), 900, 3)).toHaveLength(2);
  });

  it('reads on with one cursor when at most a page is left, and cuts nothing after an empty page', () => {
    expect(rangesAfter(everyOther(2, 500), 400, 3)).toEqual([{ after: 1_000, upTo: null }]);
    expect(rangesAfter(everyOther(2, 500), -3, 3)).toEqual([{ after: 1_000, upTo: null }]);
    expect(rangesAfter([], 5_000, 3)).toEqual([]);
  });
});

describe('Autotask companies in id ranges against the loopback sandbox', () => {
  let at: SandboxAutotask;
  const EVERYTHING = { typeIds: [], statusIds: [], activeOnly: false };

  beforeAll(async () => {
    at = await startSandboxAutotask({ companies: 3_000, contactsPerCompany: 0, latencyMs: 5 });
  });
  afterAll(async () => {
    await at.close();
  });

  const open = async () => {
    const session = createAutotaskProvider().open(
      new Secret<Readonly<Record<string, string>>>(at.credentials),
      { timeoutMs: 5_000, maxAttempts: 1 },
      { zoneBaseUrl: at.zoneBaseUrl },
    );
    await session.testConnection(); // zone and budget reads, outside the counted requests
    at.clearFaults();
    at.resetStats();
    return session;
  };

  it('reads every company once, three ranges at a time, never more than three in flight', async () => {
    const session = await open();
    const companies = await gather<PsaCompany>((sink) => session.fetchCompanies(EVERYTHING, () => {}, sink));

    const expected = at.data.companies.filter((c) => c.id > 0).map((c) => c.id);
    expect(companies.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expected);
    const seen = at.stats().endpoints.Companies;
    expect(seen?.maxConcurrent).toBe(3);
    expect(seen?.throttled).toBe(0);
    // The type labels, the count, then the list's own pages and one short page more at most.
    expect(seen?.requests).toBeGreaterThanOrEqual(2 + Math.ceil(expected.length / 500));
    expect(seen?.requests).toBeLessThanOrEqual(2 + Math.ceil(expected.length / 500) + 1);
  });

  it('asks for no page beyond what the count allows when the PSA pages on past it', async () => {
    const session = await open();
    // The count says 5; the list goes on for 3,000.
    at.injectFault({
      path: 'Companies/query/count',
      status: 200,
      body: { json: { queryCount: 5 } },
      times: 9,
    });
    const error = await gather<PsaCompany>((sink) => session.fetchCompanies(EVERYTHING, () => {}, sink)).then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(isAppError(error) && error.code).toBe('psa_invalid_response');
    // Five records and a page's margin: the first page, and the one that goes past it.
    const seen = at.stats().endpoints.Companies;
    expect(seen?.requests).toBeLessThanOrEqual(2 + 2);
  });
});
