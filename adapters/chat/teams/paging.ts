import type { PageInfo } from '../../../src/app/views.js';
import type { VERBS } from './card-actions.js';
import { type Action, execute } from './card-kit.js';

/** Rows per card: Teams caps a card at about 28 KB, and each row carries its own inputs. */
export const REVIEW_PAGE_SIZE = 8;
export const USERS_PAGE_SIZE = 10;

export function pageLine(paging: PageInfo, noun: string): string {
  if (paging.totalItems === 0) return `No ${noun}.`;
  const first = paging.page * paging.pageSize + 1;
  const last = Math.min(paging.totalItems, first + paging.pageSize - 1);
  return `${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} ${first}–${last} of ${paging.totalItems} (page ${paging.page + 1} of ${Math.max(1, paging.totalPages)})`;
}

/**
 * Previous / next buttons. They carry the page's row decisions like every other button on an
 * editable page, so nothing the admin picked is lost by turning the page.
 */
export function pageActions(
  verb: typeof VERBS.review | typeof VERBS.users,
  paging: PageInfo,
  data: Readonly<Record<string, unknown>>,
): Action[] {
  const actions: Action[] = [];
  if (paging.page > 0) actions.push(execute('◀ Previous', verb, { ...data, page: paging.page - 1 }));
  if (paging.page + 1 < paging.totalPages)
    actions.push(execute('Next ▶', verb, { ...data, page: paging.page + 1 }));
  return actions;
}
