import { z } from 'zod';
import type { TeamsActivity } from './activity.js';
import { COMPANY_DATASET } from './card-actions.js';
import { searchResponse } from './invoke-responses.js';
import { plain } from './markdown.js';
import type { TeamsDeps } from './teams-deps.js';
import { identify } from './tenancy.js';

const MAX_RESULTS = 25;

const searchValue = z.object({
  queryText: z.string().max(200).default(''),
  dataset: z.string().max(100).optional(),
  queryOptions: z.object({ top: z.number().int().positive().optional() }).partial().optional(),
});

/**
 * `application/search`: the typeahead of "map to another managed company". Teams sends what the
 * admin typed; the core searches (and checks the admin). Anything refused shows no results.
 */
export async function handleSearch(deps: TeamsDeps, activity: TeamsActivity) {
  const value = searchValue.safeParse(activity.value);
  const identity = identify(activity, deps.allowedTenants);
  if (!value.success || value.data.dataset !== COMPANY_DATASET || !identity.ok) return searchResponse([]);
  const limit = Math.min(value.data.queryOptions?.top ?? 15, MAX_RESULTS);
  const view = await deps.bot.handle(identity.actor, {
    kind: 'search-companies',
    query: value.data.queryText.trim(),
    limit,
  });
  if (view.kind !== 'company-options') return searchResponse([]);
  return searchResponse(view.options.map((option) => ({ title: plain(option.name, 100), value: option.id })));
}
