import type { Paging } from './intents.js';
import type { PageInfo } from './views.js';

const MAX_PAGE_SIZE = 500;

/**
 * Where one page lies in a list of `total` items; out-of-range pages clamp to the last page so an
 * old "next" button still works. The rows themselves are read by the caller, a page at a time.
 */
export function pageWindow(total: number, paging: Paging): { offset: number; limit: number; info: PageInfo } {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(paging.pageSize)));
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(0, Math.floor(paging.page)), totalPages - 1);
  return {
    offset: page * pageSize,
    limit: pageSize,
    info: { page, pageSize, totalItems: total, totalPages },
  };
}
