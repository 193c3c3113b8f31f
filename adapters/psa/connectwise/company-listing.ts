/**
 * Lists companies as fast as forward-only paging allows: the first page, then the rest split into
 * id ranges fetched in parallel (see id-ranges.ts), each range paged forward-only to its end.
 * Pages go to `onPage` as they arrive (awaited: back-pressure), never gathered here.
 */
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import { nextTurn } from '../shared/next-turn.js';
import { and, atMost, greaterThan } from './conditions.js';
import type { ConnectWiseApi, ListQuery, PageJudge } from './connectwise-api.js';
import { idRanges } from './id-ranges.js';
import { companyCheck } from './record-checks.js';
import { COMPANY_FIELDS, type CwCompany } from './schemas.js';

export interface CompanyPaging {
  /** The `/count` of the same query, already in flight. */
  readonly counting: Promise<number>;
  readonly onPage: (page: CwCompany[]) => Promise<void>;
  readonly judge: PageJudge;
  readonly pageSize: number;
  /** Ranges to split into at most (the session's request bound). */
  readonly concurrency: number;
  /** Parallel range workers (the session's limiter keeps the bound). */
  readonly workers: number;
}

/**
 * Every company the query selects. The first page comes forward-only; when the server links a
 * next one, the rest is split into id ranges fetched in parallel (see id-ranges.ts). A server
 * that answers a full page without a Link pages by number: the list goes on from page 2.
 */
export async function listCompanies(
  api: ConnectWiseApi,
  query: ListQuery,
  paging: CompanyPaging,
): Promise<void> {
  const { counting, onPage, judge, pageSize, concurrency, workers } = paging;
  const listQuery = { ...query, fields: COMPANY_FIELDS };
  const first = await api.firstPage('/company/companies', listQuery, companyCheck, judge);
  const firstIds = first.rows.map((row) => row.id);
  if (!first.more) {
    await onPage(first.rows);
    if (first.rows.length < pageSize) return;
    // A full page and no Link: the last page, or a server that pages by number only.
    const rest = counting.then((count) => count - first.rows.length);
    if ((await rest) <= 0) return;
    await api.list('/company/companies', listQuery, companyCheck, {
      onPage,
      judge,
      total: rest,
      startPage: 2,
    });
    return;
  }
  const ranges = idRanges(firstIds, (await counting) - first.rows.length, concurrency);
  const listing = mapWithConcurrency(ranges, workers, (range) =>
    api.list(
      '/company/companies',
      {
        ...listQuery,
        // Safe to append with `and`: the session only builds and-chains, never a top-level `or`.
        conditions: and(
          query.conditions,
          greaterThan('id', range.after),
          range.upTo === null ? null : atMost('id', range.upTo),
        ),
      },
      companyCheck,
      { onPage, judge, linksTrusted: true },
    ),
  );
  // The first page is delivered once the ranges' requests are out: its mapping (a few ms of CPU)
  // then overlaps their round trip. Delivered at once, it would run in the microtasks between
  // `list` being called and its request being sent, and hold all four back.
  const delivering = nextTurn().then(() => onPage(first.rows));
  const [delivered, listed] = await Promise.allSettled([delivering, listing]);
  if (delivered.status === 'rejected') throw delivered.reason;
  if (listed.status === 'rejected') throw listed.reason;
}
