/**
 * Bounds one fetch (every page of companies, or of contacts) so a broken or hostile PSA cannot
 * page us forever or fill memory: a hard page cap, a record cap, and, once the PSA's own count
 * is known, no more than that count (plus records added meanwhile) and the pages it takes.
 *
 *   const guard = createFetchGuard({ pageSize: 1000, maxPages: 2000, maxRecords: 500_000 }, logger);
 *   guard.expect(count);      // from /count, when known
 *   guard.page(rows.length);  // before each page is validated; throws psa_invalid_response
 */
import type { Logger } from '../../../src/ports/logger.js';
import { invalidResponse } from './invalid-response.js';

export interface FetchLimits {
  readonly pageSize: number;
  /** Pages one fetch may take at most, whatever the count says. */
  readonly maxPages: number;
  /** Records one fetch may bring at most. */
  readonly maxRecords: number;
}

export interface FetchGuard {
  /** The PSA's count of what this fetch selects. */
  expect(total: number): void;
  /** Accounts for one page of `records` elements; throws when a bound is passed. */
  page(records: number): void;
}

/** Records that may appear while we page (added in the PSA meanwhile), as a share of the count. */
const GROWTH_SHARE = 0.1;
/** Pages beyond the count's own: parallel ranges each end on a short or empty page. */
const EXTRA_PAGES = 16;

export function createFetchGuard(limits: FetchLimits, logger?: Logger): FetchGuard {
  let pages = 0;
  let records = 0;
  let maxRecords = limits.maxRecords;
  let maxPages = limits.maxPages;
  return {
    expect(total) {
      const allowed = Math.max(0, total) + Math.max(limits.pageSize, Math.ceil(total * GROWTH_SHARE));
      maxRecords = Math.min(limits.maxRecords, allowed);
      maxPages = Math.min(limits.maxPages, Math.ceil(allowed / limits.pageSize) + EXTRA_PAGES);
    },
    page(count) {
      pages += 1;
      records += count;
      if (pages > maxPages) throw invalidResponse(`more than ${maxPages} pages`, logger);
      if (records > maxRecords) throw invalidResponse(`more than ${maxRecords} records`, logger);
    },
  };
}

/** Elements a page may hold beyond the page size asked for before it counts as invalid. */
export const PAGE_MARGIN = 10;
