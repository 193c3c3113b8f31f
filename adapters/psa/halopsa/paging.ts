/**
 * Reads every row of a Halo list endpoint (`/api/Client`, `/api/Users`) with
 * `pageinate=true&page_size=N&page_no=K`. Halo caps a page below what was asked (100 rows have
 * been reported whatever `page_size` says), so the requested size proves nothing: a page shorter
 * than asked is not the end. The loop stops when the rows fetched reach `record_count` (checked on
 * every page, as rows come and go) or on an empty page.
 * Rows are ordered by id and de-duplicated by id, since offset pages over a live table can repeat
 * a row when another is added meanwhile.
 *
 * Every row is validated on its own: a row that fails its schema is skipped and counted, so one
 * odd record never fails an import of thousands; a page with rows but not one valid row means
 * the answer is not what we think it is (psa_invalid_response).
 */
import type { z } from 'zod';
import { AppError } from '../../../src/domain/errors.js';
import type { HaloClient, QueryParams } from './halo-client.js';
import type { ListPage } from './schemas.js';

export interface ListQuery<T> {
  readonly resource: 'Client' | 'Users';
  readonly page: z.ZodType<ListPage>;
  readonly params: QueryParams;
  readonly row: z.ZodType<T>;
  readonly pageSize: number;
  readonly maxPages: number;
  /** After every page: the valid rows so far and Halo's `record_count`. */
  readonly onPage?: (fetched: number, recordCount: number) => void;
}

export interface ListResult<T> {
  readonly rows: T[];
  /** Rows that failed validation (never their content: it is PSA data). */
  readonly skipped: number;
  readonly pages: number;
}

export async function fetchAllRows<T extends { readonly id: number }>(
  client: HaloClient,
  query: ListQuery<T>,
): Promise<ListResult<T>> {
  const rows = new Map<number, T>();
  let skipped = 0;
  for (let pageNo = 1; pageNo <= query.maxPages; pageNo += 1) {
    const page = await client.get(
      query.resource,
      {
        ...query.params,
        pageinate: 'true',
        page_size: String(query.pageSize),
        page_no: String(pageNo),
        order: 'id',
      },
      query.page,
    );
    const raw = page.rows;
    if (raw.length === 0) return done(rows, skipped, pageNo);
    const before = rows.size;
    let valid = 0;
    for (const item of raw) {
      const parsed = query.row.safeParse(item);
      if (!parsed.success) {
        skipped += 1;
        continue;
      }
      valid += 1;
      rows.set(parsed.data.id, parsed.data);
    }
    if (valid === 0) throw new AppError('psa_invalid_response');
    // A page of rows already seen: the server ignores page_no, and paging on would never end.
    if (rows.size === before) throw new AppError('psa_invalid_response');
    query.onPage?.(rows.size, page.recordCount);
    // Skipped rows are part of what Halo counted. A short page with rows still missing (the cap
    // changed, or rows moved while paging) is not the end: the next page, usually empty, says.
    if (rows.size + skipped >= page.recordCount) return done(rows, skipped, pageNo);
  }
  // More pages than any real instance has: a server ignoring page_no would loop forever.
  throw new AppError('psa_invalid_response');
}

function done<T extends { readonly id: number }>(
  rows: Map<number, T>,
  skipped: number,
  pages: number,
): ListResult<T> {
  return { rows: [...rows.values()].sort((a, b) => a.id - b.id), skipped, pages };
}
