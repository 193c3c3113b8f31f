/**
 * Reads every record a query selects, 500 at a time, with an `id gt <last id>` cursor: each page
 * asks for ids above the highest id seen, so no record is missed or repeated even when records are
 * added meanwhile. `nextPageUrl` only says whether another page exists; it is never requested (a
 * GET on a POST-origin link answers 405, and the link's host is not ours to trust).
 */
import type { z } from 'zod';
import type { Logger } from '../../../src/ports/logger.js';
import type { SkippedRecord } from '../../../src/ports/psa-gateway.js';
import { createFetchGuard, type FetchGuard, PAGE_MARGIN } from '../shared/fetch-guard.js';
import { invalidResponse } from '../shared/invalid-response.js';
import { type SkipSink, validateRecords } from '../shared/record-validation.js';
import type { AutotaskClient, EndpointKey } from './autotask-client.js';
import { type AutotaskFilter, condition, pageQuery } from './query-filter.js';
import { rawQueryResultSchema } from './schemas.js';

/** Records per `/query` page: Autotask's fixed page size. */
export const AUTOTASK_PAGE_SIZE = 500;
/** Records one fetch may bring at most. */
export const AUTOTASK_MAX_RECORDS = 500_000;

/** A fetch's bounds and where it reports skipped records. */
export interface PageJudge {
  readonly entity: SkippedRecord['entity'];
  readonly guard: FetchGuard;
  readonly skips: SkipSink;
}

export function createJudge(entity: SkippedRecord['entity'], skips: SkipSink, logger?: Logger): PageJudge {
  const guard = createFetchGuard(
    {
      pageSize: AUTOTASK_PAGE_SIZE,
      maxPages: Math.ceil(AUTOTASK_MAX_RECORDS / AUTOTASK_PAGE_SIZE),
      maxRecords: AUTOTASK_MAX_RECORDS,
    },
    logger,
  );
  return { entity, guard, skips };
}

export interface PagedQuery<T> {
  readonly entity: EndpointKey;
  readonly conditions: readonly AutotaskFilter[];
  readonly includeFields: readonly string[];
  readonly item: z.ZodType<T>;
  /** Called after every page with the new records; awaited before the next page (back-pressure). */
  readonly onPage?: (items: T[]) => Promise<void> | void;
  /** Bounds and skip reports; without it odd records are dropped silently. */
  readonly judge?: PageJudge;
}

/** Ids above `after`, up to `upTo` included (null: no upper bound). */
export interface IdRange {
  readonly after: number;
  readonly upTo: number | null;
}

/** One page of a query: its records (sorted, above the cursor) and whether the PSA has more. */
export interface QueryPage<T> {
  readonly items: T[];
  readonly more: boolean;
}

/** The range's first page: the `after` cursor and, when bounded, `id lte upTo`. */
export async function readPage<T extends { readonly id: number }>(
  client: AutotaskClient,
  query: PagedQuery<T>,
  judge: PageJudge,
  range: IdRange,
  logger?: Logger,
): Promise<QueryPage<T>> {
  const conditions =
    range.upTo === null ? query.conditions : [...query.conditions, condition('lte', 'id', range.upTo)];
  const body = pageQuery(conditions, query.includeFields, range.after);
  const result = await client.query(`${query.entity}/query`, query.entity, body, rawQueryResultSchema);
  if (result.items.length > AUTOTASK_PAGE_SIZE + PAGE_MARGIN) {
    throw invalidResponse(`a page of ${result.items.length} records`, logger, query.entity);
  }
  judge.guard.page(result.items.length);
  const valid = validateRecords(result.items, query.item, judge.entity, judge.skips);
  // Autotask does not promise an order within a page: sort, and keep only what the cursor asked for.
  const items = valid
    .filter((item) => item.id > range.after && (range.upTo === null || item.id <= range.upTo))
    .sort((a, b) => a.id - b.id);
  // Records only outside the range mean the PSA ignored our filter: paging on would never end.
  if (items.length === 0 && valid.length > 0) {
    throw invalidResponse('records outside the id range asked for', logger, query.entity);
  }
  const nextPageUrl = result.pageDetails?.nextPageUrl;
  const more = items.length > 0 && nextPageUrl !== null && nextPageUrl !== undefined && nextPageUrl !== '';
  return { items, more };
}

/**
 * Pages every record of the query in `range` into `query.onPage`, one page after another (the
 * cursor of a page is the last id of the one before). `first`: that range's first page, already read.
 */
export async function pageThrough<T extends { readonly id: number }>(
  client: AutotaskClient,
  query: PagedQuery<T>,
  logger?: Logger,
  // Starting above 0 also leaves out the MSP's own company (id 0); Autotask's other ids are positive.
  range: IdRange = { after: 0, upTo: null },
  first?: QueryPage<T>,
): Promise<void> {
  const judge = query.judge ?? createJudge('company', { skip: () => {} }, logger);
  let after = range.after;
  let page = first ?? (await readPage(client, query, judge, range, logger));
  for (;;) {
    if (page.items.length > 0) await query.onPage?.(page.items);
    const last = page.items.at(-1);
    if (!page.more || last === undefined) return;
    after = last.id;
    page = await readPage(client, query, judge, { after, upTo: range.upTo }, logger);
  }
}

/** Every record the query selects, gathered (small lists: id lookups). */
export async function fetchAllPages<T extends { readonly id: number }>(
  client: AutotaskClient,
  query: PagedQuery<T>,
  logger?: Logger,
): Promise<T[]> {
  const all: T[] = [];
  await pageThrough(client, { ...query, onPage: (items) => void all.push(...items) }, logger);
  return all;
}
