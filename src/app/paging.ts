import type { Paging } from './intents.js';
import type { PageInfo } from './views.js';

const MAX_PAGE_SIZE = 500;

/** Slices one page; out-of-range pages clamp to the last page so an old "next" button still works. */
export function pageOf<T>(items: readonly T[], paging: Paging): { items: T[]; info: PageInfo } {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(paging.pageSize)));
  const totalPages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(0, Math.floor(paging.page)), totalPages - 1);
  return {
    items: items.slice(page * pageSize, (page + 1) * pageSize),
    info: { page, pageSize, totalItems: items.length, totalPages },
  };
}

export const FIRST_PAGE: Paging = { page: 0, pageSize: 20 };
