/**
 * Reads every record a query selects, 500 at a time, with an `id gt <last id>` cursor: each page
 * asks for ids above the highest id seen, so no record is missed or repeated even when records are
 * added meanwhile. `nextPageUrl` only says whether another page exists; it is never requested (a
 * GET on a POST-origin link answers 405, and the link's host is not ours to trust).
 */
import type { z } from 'zod';
import { AppError } from '../../../src/domain/errors.js';
import type { AutotaskClient, EndpointKey } from './autotask-client.js';
import { type AutotaskFilter, pageQuery } from './query-filter.js';
import { queryResultSchema } from './schemas.js';

export interface PagedQuery<T> {
  readonly entity: EndpointKey;
  readonly conditions: readonly AutotaskFilter[];
  readonly includeFields: readonly string[];
  readonly item: z.ZodType<T>;
  /** Called after every page with the new records, for progress. */
  readonly onPage?: (items: readonly T[]) => void;
}

export async function fetchAllPages<T extends { readonly id: number }>(
  client: AutotaskClient,
  query: PagedQuery<T>,
): Promise<T[]> {
  const schema = queryResultSchema(query.item);
  const all: T[] = [];
  // Starting above 0 also leaves out the MSP's own company (id 0).
  let afterId = 0;
  for (;;) {
    const body = pageQuery(query.conditions, query.includeFields, afterId);
    const result = await client.query(`${query.entity}/query`, query.entity, body, schema);
    // Autotask does not promise an order within a page: sort, and keep only what the cursor asked for.
    const items = result.items.filter((item) => item.id > afterId).sort((a, b) => a.id - b.id);
    if (items.length === 0) {
      // Records only below the cursor mean the PSA ignored our filter: paging on would never end.
      if (result.items.length > 0) throw new AppError('psa_invalid_response');
      return all;
    }
    all.push(...items);
    query.onPage?.(items);
    const last = items.at(-1);
    const nextPageUrl = result.pageDetails?.nextPageUrl;
    if (last === undefined || nextPageUrl === null || nextPageUrl === undefined || nextPageUrl === '')
      return all;
    afterId = last.id;
  }
}
