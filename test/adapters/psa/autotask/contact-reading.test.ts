/**
 * Which way Autotask contacts are read, and what each way costs: the span of the selected
 * companies' ids once, in three companyID ranges paged in parallel, when the selection is most
 * of the PSA; otherwise batches of company ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutotaskProvider } from '../../../../adapters/psa/autotask/autotask-provider.js';
import { spanIsCheaper } from '../../../../adapters/psa/autotask/contact-reading.js';
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
    // Two counts beside the span's first page, then the rest of the span in id ranges cut at
    // whole pages: the span's own pages, and one more at most where the ids are used unevenly.
    const spanPages = Math.ceil(contactsOf(all).length / 500);
    expect(contactRequests?.requests).toBeGreaterThanOrEqual(2 + spanPages);
    expect(contactRequests?.requests).toBeLessThanOrEqual(2 + spanPages + 1);
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
    // Two counts and the span's first page, then one page per batch of 200 companies (400
    // contacts at most), each starting after the first page's last id.
    expect(contactRequests?.requests).toBe(3 + Math.ceil(selected.length / 200));
  });

  it('batches a selection that fits in one round at once, counting alongside', async () => {
    const selected = customerIds().slice(0, 500);
    const { contacts, contactRequests } = await readContacts(selected);

    expect(sorted(contacts)).toEqual(contactsOf(selected));
    expect(contactRequests?.requests).toBe(1 + 3);
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
