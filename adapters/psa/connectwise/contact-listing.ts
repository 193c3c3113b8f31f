/**
 * Every contact of a set of companies, in the fewest requests. First two counts, side by side:
 * the PSA's companies and all its contacts. Then whichever costs fewer requests:
 *
 * - all contacts: when the selection is most of the PSA, its contacts are most of the contacts,
 *   so the whole list is read once by page number (`page=N&orderBy=id asc`, navigable paging),
 *   the pages in parallel under the session's bound, keeping the selected companies' contacts;
 * - batches: `company/id in (...)` for `batchSize` companies at a time, in parallel, each paged
 *   to its end without a count of its own.
 *
 * Pages go to `deliver` as they arrive (awaited: back-pressure). Page-number paging can miss a
 * record deleted while we read (the pages shift); the next import picks up what was missed.
 */
import type { PsaContact } from '../../../src/domain/psa-records.js';
import type { ProgressListener } from '../../../src/ports/psa-gateway.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { chunk } from './chunk.js';
import { eq, inList } from './conditions.js';
import type { ConnectWiseApi, PageJudge } from './connectwise-api.js';
import { contactCheck } from './record-checks.js';
import { toPsaContact } from './record-mapping.js';
import { CONTACT_FIELDS, type CwContact } from './schemas.js';

export interface ContactPaging {
  /** Company ids per request; keeps the URL well under IIS's 2,048-character query limit. */
  readonly batchSize: number;
  readonly pageSize: number;
  /** Parallel workers (the session's limiter keeps the request bound). */
  readonly workers: number;
  readonly judge: PageJudge;
  readonly deliver: (contacts: readonly PsaContact[]) => Promise<void>;
}

const CONTACTS = '/company/contacts';

/** Requests for reading every contact against batching by company; true when reading all is no dearer. */
export function readAllIsCheaper(
  selected: number,
  companies: number,
  contacts: number,
  paging: Pick<ContactPaging, 'batchSize' | 'pageSize'>,
): boolean {
  const allPages = Math.max(1, Math.ceil(contacts / paging.pageSize));
  const share = companies <= 0 ? 1 : Math.min(1, selected / companies);
  const batched = Math.ceil(selected / paging.batchSize) + Math.ceil((contacts * share) / paging.pageSize);
  return allPages <= batched;
}

export async function listContacts(
  api: ConnectWiseApi,
  companyPsaIds: readonly number[],
  onProgress: ProgressListener,
  paging: ContactPaging,
): Promise<void> {
  const wanted = new Set(companyPsaIds);
  let done = 0;
  onProgress({ phase: 'contacts', done, total: wanted.size === 0 ? 0 : null });
  if (wanted.size === 0) return;
  const seen = new Set<number>();
  const keep = async (rows: readonly CwContact[]) => {
    const kept: PsaContact[] = [];
    for (const row of rows) {
      const companyId = row.company?.id;
      if (companyId === null || companyId === undefined || !wanted.has(companyId) || seen.has(row.id))
        continue;
      seen.add(row.id);
      kept.push(toPsaContact(row, companyId));
    }
    await paging.deliver(kept);
  };

  const [companies, contacts] = await Promise.all([
    api.count('/company/companies', { conditions: eq('deletedFlag', false) }),
    api.count(CONTACTS, {}),
  ]);
  paging.judge.guard.expect(contacts);
  if (readAllIsCheaper(wanted.size, companies, contacts, paging)) {
    // Progress counts contacts read, against every contact the PSA has.
    const report = (rows: number) => {
      done += rows;
      onProgress({ phase: 'contacts', done, total: contacts });
    };
    report(0);
    const pages = Math.max(1, Math.ceil(contacts / paging.pageSize));
    const numbers = Array.from({ length: pages }, (_, index) => index + 1);
    let lastFull = false;
    await mapWithConcurrency(numbers, paging.workers, async (page) => {
      const rows = await api.numberedPage(
        CONTACTS,
        { fields: CONTACT_FIELDS },
        contactCheck,
        page,
        paging.judge,
      );
      if (page === pages) lastFull = rows.length >= paging.pageSize;
      report(rows.length);
      await keep(rows);
    });
    // Contacts added since the count: on by number until a short page (the guard bounds it).
    for (let page = pages + 1; lastFull; page += 1) {
      const rows = await api.numberedPage(
        CONTACTS,
        { fields: CONTACT_FIELDS },
        contactCheck,
        page,
        paging.judge,
      );
      lastFull = rows.length >= paging.pageSize;
      report(rows.length);
      await keep(rows);
    }
    return;
  }

  const batches = chunk([...wanted], paging.batchSize).map((ids) => inList('company/id', ids));
  await mapWithConcurrency(batches, paging.workers, (conditions) =>
    api.list(CONTACTS, { conditions, fields: CONTACT_FIELDS }, contactCheck, {
      judge: paging.judge,
      onPage: async (rows) => {
        done += rows.length;
        onProgress({ phase: 'contacts', done, total: null });
        await keep(rows);
      },
    }),
  );
}
