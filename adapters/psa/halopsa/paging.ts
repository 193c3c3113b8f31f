/**
 * Reads every row of a Halo list endpoint (`/api/Client`, `/api/Users`) with
 * `pageinate=true&page_size=N&page_no=K`. Halo caps a page below what was asked (100 rows have
 * been reported whatever `page_size` says), so the requested size proves nothing: a page shorter
 * than asked is not the end. The loop stops when the rows fetched reach `record_count` (checked on
 * every page, as rows come and go) or on an empty page.
 * Rows are ordered by id and de-duplicated by id, since offset pages over a live table can repeat
 * a row when another is added meanwhile.
 *
 * Every row is validated on its own: a row that fails its schema is skipped and reported, so one
 * odd record never fails an import of thousands; a page with rows but not one valid row means
 * the answer is not what we think it is (psa_invalid_response). Each page's rows go to `onRows`
 * as they arrive, so a caller can stream them on instead of holding every row.
 */
import type { z } from 'zod';
import { AppError } from '../../../src/domain/errors.js';
import type { SkippedRecord } from '../../../src/ports/psa-gateway.js';
import type { HaloClient, QueryParams } from './halo-client.js';
import type { ListPage } from './schemas.js';

export interface ListQuery<T> {
  readonly resource: 'Client' | 'Users';
  readonly page: z.ZodType<ListPage>;
  readonly params: QueryParams;
  readonly row: z.ZodType<T>;
  readonly entity: SkippedRecord['entity'];
  readonly pageSize: number;
  readonly maxPages: number;
  /** Each page's new valid rows, awaited before the next request (back-pressure). */
  readonly onRows: (rows: readonly T[]) => Promise<void>;
  /** A row that failed validation: its id when it had a usable one, and which field was wrong. */
  readonly onSkip: (record: SkippedRecord) => void;
  /** After every page: the rows read so far and Halo's `record_count`. */
  readonly onProgress?: (fetched: number, recordCount: number) => void;
}

function skippedRecord(entity: SkippedRecord['entity'], item: unknown, error: z.ZodError): SkippedRecord {
  const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  const field = error.issues[0]?.path.join('.') ?? '';
  return {
    entity,
    psaId: typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null,
    // Our words and Halo's field name only: never the value, which is PSA data.
    reason: field === '' ? 'unexpected data' : `unexpected data in ${field}`,
  };
}

export async function readAllPages<T extends { readonly id: number }>(
  client: HaloClient,
  query: ListQuery<T>,
): Promise<void> {
  const seen = new Set<number>();
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
    if (raw.length === 0) return;
    const fresh: T[] = [];
    let valid = 0;
    for (const item of raw) {
      const parsed = query.row.safeParse(item);
      if (!parsed.success) {
        skipped += 1;
        query.onSkip(skippedRecord(query.entity, item, parsed.error));
        continue;
      }
      valid += 1;
      if (seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      fresh.push(parsed.data);
    }
    if (valid === 0) throw new AppError('psa_invalid_response');
    // A page of rows already seen: the server ignores page_no, and paging on would never end.
    if (fresh.length === 0) throw new AppError('psa_invalid_response');
    await query.onRows(fresh);
    query.onProgress?.(seen.size, page.recordCount);
    // Skipped rows are part of what Halo counted. A short page with rows still missing (the cap
    // changed, or rows moved while paging) is not the end: the next page, usually empty, says.
    if (seen.size + skipped >= page.recordCount) return;
  }
  // More pages than any real instance has: a server ignoring page_no would loop forever.
  throw new AppError('psa_invalid_response');
}
