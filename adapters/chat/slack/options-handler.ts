import { checkOptionsResponse } from './block-kit-limits.js';
import { option } from './blocks.js';
import { interactionSender, suggestionSchema } from './payloads.js';
import { identify, type SlackDeps } from './slack-context.js';

export interface OptionsResponse {
  readonly options: readonly Readonly<Record<string, unknown>>[];
}

const MAX_OPTIONS = 100;
const EMPTY: OptionsResponse = { options: [] };

/**
 * Typeahead for "map to an existing managed company". Answered inside the request (Slack waits
 * up to 3 s for options), so the core's search runs before the ack here, unlike everything else.
 */
export async function loadOptions(deps: SlackDeps, body: unknown): Promise<OptionsResponse> {
  const parsed = suggestionSchema.safeParse(body);
  if (!parsed.success) return EMPTY;
  const payload = parsed.data;
  const actor = await identify(deps, interactionSender(payload));
  if (actor === null) return EMPTY;
  const view = await deps.bot.handle(actor, {
    kind: 'search-companies',
    query: payload.value.slice(0, 200),
    limit: MAX_OPTIONS,
  });
  if (view.kind !== 'company-options') return EMPTY;
  const response = {
    options: view.options.slice(0, MAX_OPTIONS).map((company) => option(company.name, company.id)),
  };
  const violations = checkOptionsResponse(response);
  if (violations.length > 0)
    deps.logger.warn({ violations: violations.slice(0, 5) }, 'options response over Block Kit limits');
  return response;
}
