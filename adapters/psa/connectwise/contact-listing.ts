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
 * A large selection (more companies than `concurrency` batches hold) makes reading all likely: the
 * first pages of the whole list are asked for alongside the two counts, so the counts' round trip
 * is not lost; when the counts choose batches after all, those pages cost `concurrency - 2`
 * requests more. The pages then go out as request slots free up (page-pump.ts), never past the
 * count's last page, so the PSA is never idle while the bot parses.
 *
 * Pages are parsed off the event loop (contact-page-pool.ts), except at the end: once every page
 * has been asked for and the last requests are on their way, no request is left to send, so while
 * the pool parses one of the last pages the event loop parses the next itself. The last round's
 * pages then no longer wait in line for one parser after the last response (up to four 10 ms
 * parses at the default concurrency).
 *
 * Pages go to `deliver` as they arrive (awaited: back-pressure). Page-number paging can miss a
 * record deleted while we read (the pages shift); the next import picks up what was missed.
 */
import type { PsaContact } from '../../../src/domain/psa-records.js';
import type { Logger } from '../../../src/ports/logger.js';
import type { ProgressListener } from '../../../src/ports/psa-gateway.js';
import { PAGE_MARGIN } from '../shared/fetch-guard.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { nextTurn } from '../shared/next-turn.js';
import { PageRejected } from '../shared/page-rejected.js';
import { chunk } from './chunk.js';
import { eq, inList } from './conditions.js';
import type { ConnectWiseApi, PageJudge } from './connectwise-api.js';
import { type ContactPage, type ContactPageJob, parseContactPage } from './contact-page.js';
import { parseContactPageOffThread } from './contact-page-pool.js';
import { createPagePump } from './page-pump.js';
import { contactCheck } from './record-checks.js';
import { toPsaContact } from './record-mapping.js';
import { CONTACT_FIELDS, type CwContact } from './schemas.js';

export interface ContactPaging {
  /** Company ids per request; keeps the URL well under IIS's 2,048-character query limit. */
  readonly batchSize: number;
  readonly pageSize: number;
  /** Parallel workers (the session's limiter keeps the request bound). */
  readonly workers: number;
  /** Requests the session keeps in flight at most. */
  readonly concurrency: number;
  readonly judge: PageJudge;
  readonly deliver: (contacts: readonly PsaContact[]) => Promise<void>;
  /** Parses a whole-list page; default: the process's worker pool (contact-page-pool.ts). */
  readonly parsePage?: (bytes: Uint8Array, job: ContactPageJob) => Promise<ContactPage>;
  /** Parses one of the last pages on the event loop while `parsePage` is busy; default parseContactPage. */
  readonly parseInline?: (bytes: Uint8Array, job: ContactPageJob) => ContactPage;
  readonly logger?: Logger;
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
  const keep = async (contacts: readonly PsaContact[]) => {
    const kept: PsaContact[] = [];
    for (const contact of contacts) {
      if (!wanted.has(contact.companyPsaId) || seen.has(contact.psaId)) continue;
      seen.add(contact.psaId);
      kept.push(contact);
    }
    await paging.deliver(kept);
  };
  const parsePage = paging.parsePage ?? parseContactPageOffThread;
  const parseInline = paging.parseInline ?? parseContactPage;
  const job: ContactPageJob = { maxRecords: paging.pageSize + PAGE_MARGIN };
  let parsingOffThread = 0;
  const parse = async (bytes: Uint8Array): Promise<ContactPage> => {
    if (pump.drained() && parsingOffThread > 0) {
      // The request this page's slot was just given to is written on a later turn: parsed first,
      // it would leave ~10 ms later (measured as the last round's longer round trips).
      await nextTurn();
      if (parsingOffThread > 0) return parseInline(bytes, job);
    }
    parsingOffThread += 1;
    try {
      return await parsePage(bytes, job);
    } finally {
      parsingOffThread -= 1;
    }
  };

  // The speculative first pages (see above); their contacts count whichever way is chosen.
  const lengths = new Map<number, number>();
  let total: number | null = null;
  const readPage = async (page: number) => {
    const bytes = await api.numberedPageBytes(CONTACTS, { fields: CONTACT_FIELDS }, page);
    let parsed: ContactPage;
    try {
      parsed = await parse(bytes);
    } catch (error) {
      if (error instanceof PageRejected) throw invalidResponse(error.reason, paging.logger, CONTACTS);
      throw error;
    }
    paging.judge.guard.page(parsed.length);
    for (const skipped of parsed.skipped) paging.judge.skips.skip(skipped);
    lengths.set(page, parsed.length);
    done += parsed.length;
    onProgress({ phase: 'contacts', done, total });
    await keep(parsed.contacts);
  };
  const early = wanted.size > paging.batchSize * paging.concurrency ? Math.max(0, paging.concurrency - 2) : 0;
  const counting = Promise.all([
    api.count('/company/companies', { conditions: eq('deletedFlag', false) }),
    api.count(CONTACTS, {}),
  ]);
  // The counts decide: the last page of the whole list to read, or null for batches.
  const plan = counting.then(([companies, contacts]) => {
    paging.judge.guard.expect(contacts);
    if (!readAllIsCheaper(wanted.size, companies, contacts, paging)) return null;
    // Progress counts contacts read, against every contact the PSA has.
    total = contacts;
    onProgress({ phase: 'contacts', done, total });
    return Math.max(1, Math.ceil(contacts / paging.pageSize));
  });
  // Pages go out as slots free up, the next one starting while the last ones are parsed.
  const pump = createPagePump({ early, pages: plan });
  await pump.run(paging.workers, readPage);
  const pages = await plan;
  if (pages !== null) {
    // Contacts added since the count: on by number until a short page (the guard bounds it).
    for (let page = pages + 1; (lengths.get(page - 1) ?? 0) >= paging.pageSize; page += 1) {
      if (!lengths.has(page)) await readPage(page);
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
        await keep(rows.flatMap((row) => withCompany(row)));
      },
    }),
  );
}

/** The contact as the core's, when it has a company to be imported under. */
function withCompany(row: CwContact): PsaContact[] {
  const companyId = row.company?.id;
  return companyId === null || companyId === undefined ? [] : [toPsaContact(row, companyId)];
}
