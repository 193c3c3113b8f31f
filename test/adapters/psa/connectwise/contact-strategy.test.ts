/**
 * Which way ConnectWise contacts are read, and what each way costs: the whole contact list once
 * (counted once, pages by number in parallel, stopping at the count) when the selection is most
 * of the PSA, or batches of company ids without a count per batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectWiseApi } from '../../../../adapters/psa/connectwise/connectwise-api.js';
import type { ConnectWiseSession } from '../../../../adapters/psa/connectwise/connectwise-session.js';
import { listContacts, readAllIsCheaper } from '../../../../adapters/psa/connectwise/contact-listing.js';
import { createPsaGateway } from '../../../../adapters/psa/gateway.js';
import {
  type SandboxConnectWise,
  startSandboxConnectWise,
} from '../../../../adapters/psa/sandbox/connectwise/sandbox-connectwise.js';
import { createFetchGuard } from '../../../../adapters/psa/shared/fetch-guard.js';
import { isAppError } from '../../../../src/domain/errors.js';
import type { PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { SkippedRecord } from '../../../../src/ports/psa-gateway.js';
import { gather } from '../shared/gather.js';

const PAGE_SIZE = 50;
const BATCH_SIZE = 10;
let psa: SandboxConnectWise;

beforeAll(async () => {
  // A little latency, so parallel pages overlap at the server.
  psa = await startSandboxConnectWise({ companies: 120, contactsPerCompany: 4, latencyMs: 10 });
});
afterAll(async () => {
  await psa.close();
});

function open(settings = { pageSize: PAGE_SIZE, contactBatchSize: BATCH_SIZE }): ConnectWiseSession {
  const gateway = createPsaGateway({
    timeoutMs: 5_000,
    maxAttempts: 1,
    providers: { connectwise: { ...settings, concurrency: 4 } },
  });
  return gateway.open('connectwise', new Secret(psa.credentials)) as ConnectWiseSession;
}

const liveCompanyIds = () => psa.dataset.companies.filter((c) => !c.deletedFlag).map((c) => c.id);

async function readContacts(
  ids: readonly number[],
  settings?: { pageSize: number; contactBatchSize: number },
) {
  const session = open(settings);
  await session.testConnection(); // discovers the codebase outside the counted requests
  psa.resetStats();
  const contacts = await gather<PsaContact>((sink) => session.fetchContacts(ids, () => {}, sink));
  return { contacts, stats: psa.stats() };
}

function expectedContacts(ids: readonly number[]): number[] {
  const wanted = new Set(ids);
  return psa.dataset.contacts
    .filter((c) => c.company?.id !== undefined && wanted.has(c.company.id))
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

describe('ConnectWise contacts: the cheaper way', () => {
  it('reads every contact once when most companies are selected, keeping only theirs', async () => {
    const all = liveCompanyIds();
    const selected = all.slice(3); // all but three companies
    const { contacts, stats } = await readContacts(selected);

    expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expectedContacts(selected));
    const left = new Set(all.slice(0, 3));
    expect(contacts.some((c) => left.has(c.companyPsaId))).toBe(false);
    // One count of companies and one of contacts, then exactly the pages the count calls for.
    const pages = Math.ceil(psa.dataset.contacts.length / PAGE_SIZE);
    expect(stats.requestsByPath).toEqual({
      '/company/companies/count': 1,
      '/company/contacts/count': 1,
      '/company/contacts': pages,
    });
    expect(stats.maxInFlightByPath['/company/contacts']).toBeGreaterThan(1);
    expect(stats.maxInFlight).toBeLessThanOrEqual(4);
  });

  it('batches by company id, without a count per batch, when few companies are selected', async () => {
    const selected = liveCompanyIds().slice(0, 25);
    const { contacts, stats } = await readContacts(selected);

    expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expectedContacts(selected));
    // 25 companies in batches of 10: three batches, each a single page (at most 40 contacts).
    expect(stats.requestsByPath).toEqual({
      '/company/companies/count': 1,
      '/company/contacts/count': 1,
      '/company/contacts': Math.ceil(selected.length / BATCH_SIZE),
    });
  });

  it('keeps the contacts of the speculative first pages when the counts choose batches', async () => {
    // 30 companies in batches of 5 is more than four batches, so two pages of the whole list go out
    // with the counts; at 10 a page the whole list is 48 pages against 6 batches of 2 pages.
    const settings = { pageSize: 10, contactBatchSize: 5 };
    const selected = liveCompanyIds().slice(40, 70);
    const { contacts, stats } = await readContacts(selected, settings);

    expect(contacts.map((c) => c.psaId).sort((a, b) => a - b)).toEqual(expectedContacts(selected));
    const batchPages = Array.from({ length: 6 }, (_, index) =>
      Math.max(1, Math.ceil(expectedContacts(selected.slice(index * 5, index * 5 + 5)).length / 10)),
    ).reduce((sum, pages) => sum + pages, 0);
    expect(stats.requestsByPath).toEqual({
      '/company/companies/count': 1,
      '/company/contacts/count': 1,
      '/company/contacts': 2 + batchPages,
    });
  });

  it('makes no request for an empty selection', async () => {
    const { contacts, stats } = await readContacts([]);
    expect(contacts).toEqual([]);
    expect(stats.requests).toBe(0);
  });
});

describe('readAllIsCheaper', () => {
  const paging = { batchSize: 100, pageSize: 1000 };

  it('reads all when the selection is the whole PSA', () => {
    expect(readAllIsCheaper(5_000, 5_000, 50_000, paging)).toBe(true);
  });

  it('batches a small selection', () => {
    expect(readAllIsCheaper(50, 5_000, 50_000, paging)).toBe(false);
  });

  it('reads all exactly when the pages of the whole list are no more than the batches and their pages', () => {
    // 50 pages in all; 1,000 of 5,000 companies: 10 batches + 10 pages = 20.
    expect(readAllIsCheaper(1_000, 5_000, 50_000, paging)).toBe(false);
    // 4,000: 40 batches + 40 pages = 80 > 50.
    expect(readAllIsCheaper(4_000, 5_000, 50_000, paging)).toBe(true);
    // 2,500: 25 + 25 = 50 = 50: no dearer, so all.
    expect(readAllIsCheaper(2_500, 5_000, 50_000, paging)).toBe(true);
    expect(readAllIsCheaper(2_400, 5_000, 50_000, paging)).toBe(false);
  });
});

describe('ConnectWise contacts: whole-list pages judged', () => {
  /** An API whose counts say 3 companies and 2 contacts, and whose contact pages are `body`. */
  function fakeApi(body: string): ConnectWiseApi {
    const unused = () => Promise.reject(new Error('not used'));
    return {
      count: (path) => Promise.resolve(path.includes('contacts') ? 2 : 3),
      numberedPageBytes: () => Promise.resolve(Buffer.from(body)),
      list: unused,
      listAll: unused,
      numberedPage: unused,
      firstPage: unused,
    };
  }

  async function read(body: string) {
    const skipped: SkippedRecord[] = [];
    const delivered: PsaContact[] = [];
    const done = listContacts(fakeApi(body), [7, 8, 9], () => {}, {
      batchSize: 1,
      pageSize: 5,
      workers: 2,
      concurrency: 4,
      judge: {
        entity: 'contact',
        guard: createFetchGuard({ pageSize: 5, maxPages: 10, maxRecords: 100 }),
        skips: { skip: (record) => skipped.push(record) },
      },
      deliver: async (page) => void delivered.push(...page),
    });
    return { done, skipped, delivered };
  }

  it('ends the fetch as an invalid response when a page is not a JSON list', async () => {
    const { done } = await read('<html>Sign in</html>');
    const error = await done.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isAppError(error) && error.code).toBe('psa_invalid_response');
  });

  it("reports the bad record of a page and keeps the selected companies' good ones", async () => {
    const record = (id: number, company: number) => ({
      id,
      firstName: 'A',
      lastName: 'B',
      company: { id: company },
    });
    const body = JSON.stringify([record(1, 7), { ...record(2, 8), types: 'x' }, record(3, 99)]);
    const { done, skipped, delivered } = await read(body);
    await done;
    expect(delivered.map((contact) => contact.psaId)).toEqual([1]);
    expect(skipped).toEqual([{ entity: 'contact', psaId: 2, reason: 'unexpected data in types' }]);
  });
});
