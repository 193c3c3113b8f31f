import type { Actor } from '../../../src/domain/chat-identity.js';
import { type CardAction, INPUT, inputValue } from './card-actions.js';
import { cardAfter, refusal, reviewPaging, runAll, type Source, show } from './card-step.js';
import { messageResponse } from './invoke-responses.js';
import { reviewCard } from './review-card.js';
import { FIND_LIMIT, FIND_MAX_LENGTH, type RowSearch } from './row-find.js';
import type { TeamsDeps } from './teams-deps.js';

/**
 * A row's Find: the same page drawn again, with the managed companies matching the row's text
 * added to its list. Nothing is saved: the choices the page's lists showed come back as they
 * were, for Save or a page button to save. The review intent checks the run and the admin; the
 * search checks the admin again.
 */
export async function findCompany(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const { runId, page, company } = action.data;
  if (company === undefined || company === null) {
    return messageResponse('That button is not understood. Use the latest card.');
  }
  const paging = reviewPaging(page);
  const view = await runAll(deps, actor, [{ kind: 'review', runId, paging }]);
  if (view.kind !== 'review') return show(deps, source, await cardAfter(deps, actor, runId, view, paging));
  const query = (inputValue(action.data, INPUT.findCompany(company)) ?? '').trim().slice(0, FIND_MAX_LENGTH);
  let search: RowSearch = { psaCompanyId: company, query, matches: [] };
  if (query !== '') {
    const found = await deps.bot.handle(actor, { kind: 'search-companies', query, limit: FIND_LIMIT });
    if (found.kind === 'error') return refusal(found);
    if (found.kind === 'company-options') search = { ...search, matches: found.options };
  }
  const pending: Record<string, string> = {};
  for (const row of view.rows) {
    const picked = inputValue(action.data, INPUT.company(row.psaCompanyId));
    if (picked !== null) pending[String(row.psaCompanyId)] = picked;
  }
  return show(deps, source, reviewCard(view, { search, pending }));
}
