/**
 * Reads what a query selects in the fewest dependent round trips Autotask's paging allows. Its
 * pages follow an `id gt <last id>` cursor, so one cursor is a chain of requests; parallelism comes
 * from cutting the ids into ranges, each its own chain. Where to cut is learnt from the first
 * page (read while the count is asked for, so that round trip is not lost): its ids tell how
 * densely ids are used, the count how many records are left, so the ids after the first page are
 * cut into at most `parallel` ranges holding whole pages each, the last range open-ended (records
 * past any estimate still come through). Every range then runs at once: every permitted slot
 * busy, the next page of a range asked for the moment its previous one is in.
 *
 *   await readInRanges(client, query, { parallel: 3, count: countPromise });
 */
import type { Logger } from '../../../src/ports/logger.js';
import { mapWithConcurrency } from '../shared/map-with-concurrency.js';
import type { AutotaskClient } from './autotask-client.js';
import {
  AUTOTASK_PAGE_SIZE,
  type IdRange,
  type PagedQuery,
  type PageJudge,
  pageThrough,
  type QueryPage,
  readPage,
} from './paging.js';
import { settledPair } from './settled-pair.js';

/**
 * Share of each bounded range's estimated records left out of it: ids are not used evenly, and
 * a range that overshoots a whole number of pages by one record costs a request, while records
 * left out go to the open-ended last range, which ends on a short page anyway.
 */
const CUT_SLACK = 0.01;

/**
 * The ranges after a first page of sorted records (`firstPage`), for the `remaining` records the
 * count leaves: at most `parallel`, each a whole number of pages by the first page's id density.
 */
export function rangesAfter(
  firstPage: readonly { readonly id: number }[],
  remaining: number,
  parallel: number,
): IdRange[] {
  const first = firstPage[0]?.id;
  const last = firstPage.at(-1)?.id;
  if (first === undefined || last === undefined) return [];
  const pages = Math.ceil(Math.max(0, remaining) / AUTOTASK_PAGE_SIZE);
  const parts = Math.max(1, Math.min(Math.floor(parallel), pages));
  if (parts === 1) return [{ after: last, upTo: null }];
  const idsPerRecord = Math.max(1, last - first + 1) / firstPage.length;
  const ranges: IdRange[] = [];
  let after = last;
  let pagesLeft = pages;
  for (let part = 0; part < parts - 1; part += 1) {
    // Earlier ranges take the odd pages: the open-ended last one also takes every estimate's error.
    const share = Math.ceil(pagesLeft / (parts - part));
    pagesLeft -= share;
    const records = share * AUTOTASK_PAGE_SIZE * (1 - CUT_SLACK);
    const upTo = after + Math.max(1, Math.floor(records * idsPerRecord));
    ranges.push({ after, upTo });
    after = upTo;
  }
  ranges.push({ after, upTo: null });
  return ranges;
}

export interface RangedReading<T> {
  /** Ranges read at once: the requests the endpoint allows in flight. */
  readonly parallel: number;
  /** What the query selects, by the PSA's count (asked for beside the first page). */
  readonly count: Promise<number>;
  /** The query's first page when the caller has read it already. */
  readonly first?: Promise<QueryPage<T>>;
}

/** Every record the query selects, into `query.onPage`, page by page as they come in. */
export async function readInRanges<T extends { readonly id: number }>(
  client: AutotaskClient,
  query: PagedQuery<T> & { readonly judge: PageJudge },
  reading: RangedReading<T>,
  logger?: Logger,
): Promise<void> {
  // The count is awaited even when the first page is the last: a failed count fails the fetch,
  // and no request is left running when the caller hears of it.
  const [first, count] = await settledPair(
    reading.first ?? readPage(client, query, query.judge, { after: 0, upTo: null }, logger),
    reading.count,
  );
  if (first.items.length > 0) await query.onPage?.(first.items);
  if (!first.more) return;
  const ranges = rangesAfter(first.items, count - first.items.length, reading.parallel);
  await mapWithConcurrency(ranges, Math.max(1, ranges.length), (range) =>
    pageThrough(client, query, logger, range),
  );
}
