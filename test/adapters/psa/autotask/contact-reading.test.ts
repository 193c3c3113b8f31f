/**
 * Which way Autotask contacts are read, and what each way costs: the span of the selected
 * companies' ids once, in three companyID ranges paged in parallel, when the selection is most
 * of the PSA; otherwise batches of company ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutotaskProvider } from '../../../../adapters/psa/autotask/autotask-provider.js';
import { companyRanges, spanIsCheaper } from '../../../../adapters/psa/autotask/contact-reading.js';
import {
  type SandboxAutotask,
  startSandboxAutotask,
} from '../../../../adapters/psa/sandbox/autotask/server.js';
import type { PsaContact } from '../../../../src/domain/psa-records.js';
import { Secret } from '../../../../src/domain/secret.js';
import type { FetchProgress } from '../../../../src/ports/psa-gateway.js';
import { gather } from '../shared/gather.js';

let at: SandboxAutotask;

beforeAll(async () => {
  at = await startSandboxAutotask({ companies: 1_300, contactsPerCompany: 2, latencyMs: 5 });
});
afterAll(async () => {
  await at.close();
});

async function readContacts(ids: readonly number[]) {
  const session = createAutotaskProvider().open(
    new Secret<Readonly<Record<string, string>>>(at.credentials),
    { timeoutMs: 5_000, maxAttempts: 1 },
    { zoneBaseUrl: at.zoneBaseUrl, contactBatchSize: 200 },
  );
  await session.testConnection(); // the budget read, outside the counted requests
  at.resetStats();
  const progress: FetchProgress[] = [];
  const contacts = await gather<PsaContact>((sink) =>
    session.fetchContacts(ids, (p) => progress.push(p), sink),
  );
  return { contacts, progress, contactRequests: at.stats().endpoints.Contacts };
}

const customerIds = () => at.data.companies.filter((c) => c.id > 0).map((c) => c.id);
const contactsOf = (ids: readonly number[]) => {
  const wanted = new Set(ids);
  return at.data.contacts
    .filter((c) => wanted.has(c.companyID))
    .map((c) => c.id)
    .sort((a, b) => a - b);
};
const sorted = (contacts: readonly PsaContact[]) => contacts.map((c) => c.psaId).sort((a, b) => a - b);

describe('Autotask contacts: the cheaper way', () => {
  it('reads the span once in three parallel ranges when most companies are selected', async () => {
    const all = customerIds();
    const selected = all.filter((id) => id !== all[5] && id !== all[700]);
    const { contacts, progress, contactRequests } = await readContacts(selected);

    expect(sorted(contacts)).toEqual(contactsOf(selected));
    expect(contacts.some((c) => c.companyPsaId === all[5] || c.companyPsaId === all[700])).toBe(false);
    // Two counts, then each range's pages: its contacts / 500, the last one short.
    const pages = companyRanges(selected, 3)
      .map((range) => at.data.contacts.filter((c) => c.companyID >= range.from && c.companyID <= range.to))
      .reduce((sum, inRange) => sum + Math.max(1, Math.ceil(inRange.length / 500)), 0);
    expect(contactRequests?.requests).toBe(2 + pages);
    expect(contactRequests?.maxConcurrent).toBeGreaterThan(1);
    expect(contactRequests?.maxConcurrent).toBeLessThanOrEqual(3);
    expect(contactRequests?.throttled).toBe(0);
    expect(progress.at(-1)).toEqual({ phase: 'contacts', done: contacts.length, total: contacts.length });
  });

  it('batches by company id after the counts when the span would cost more', async () => {
    // Every other company: the span holds twice the contacts wanted.
    const selected = customerIds().filter((_, index) => index % 2 === 0);
    const { contacts, contactRequests } = await readContacts(selected);

    expect(sorted(contacts)).toEqual(contactsOf(selected));
    // Two counts, then one page per batch of 200 companies (400 contacts at most).
    expect(contactRequests?.requests).toBe(2 + Math.ceil(selected.length / 200));
  });

  it('batches a selection that fits in one round at once, counting alongside', async () => {
    const selected = customerIds().slice(0, 500);
    const { contacts, contactRequests } = await readContacts(selected);

    expect(sorted(contacts)).toEqual(contactsOf(selected));
    expect(contactRequests?.requests).toBe(1 + 3);
  });
});

describe('companyRanges', () => {
  it('splits the ids into ranges of as many ids each, bounds included', () => {
    expect(companyRanges([1, 2, 5, 9, 10, 40, 41], 3)).toEqual([
      { from: 1, to: 5 },
      { from: 9, to: 40 },
      { from: 41, to: 41 },
    ]);
    expect(companyRanges([7], 3)).toEqual([{ from: 7, to: 7 }]);
  });
});

describe('spanIsCheaper', () => {
  const base = { ranges: 3, batchSize: 200 };

  it('reads the span when it holds little more than the selection', () => {
    expect(spanIsCheaper({ ...base, selected: 5_000, selectedContacts: 50_000, spanContacts: 50_000 })).toBe(
      true,
    );
  });

  it('batches when the span holds many contacts of companies not selected', () => {
    expect(spanIsCheaper({ ...base, selected: 800, selectedContacts: 8_000, spanContacts: 50_000 })).toBe(
      false,
    );
  });
});
