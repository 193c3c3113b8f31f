import type { Intent } from '../../../src/app/intents.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import { companyBulkAction, userBulkAction } from '../shared/bulk-actions.js';
import { firstDelivery } from '../shared/dedupe.js';
import type { TeamsActivity } from './activity.js';
import { approve, currentApproval, reject, submitForApproval } from './approval-actions.js';
import { type CardAction, INPUT, inputValue, parseCardAction, VERBS } from './card-actions.js';
import { card, text } from './card-kit.js';
import {
  type CardActionResponse,
  cardAfter,
  refusal,
  reviewPaging,
  runAll,
  type Source,
  show,
  sourceOf,
  step,
  updateForEveryone,
  usersPaging,
} from './card-step.js';
import { findCompany } from './find-company.js';
import { messageResponse } from './invoke-responses.js';
import { companyChanges, userChanges } from './row-changes.js';
import { type TeamsDeps, withinDeadline } from './teams-deps.js';
import { identify } from './tenancy.js';
import { threadProgress } from './thread-progress.js';
import { cardForView } from './view-card.js';

/**
 * `adaptiveCard/action` invokes: every button on the run's cards, and the approval card's
 * refresh, turned into intents for the core.
 */

async function continueToUsers(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const runId = action.data.runId;
  const paging = reviewPaging(action.data.page);
  const changed = await runAll(deps, actor, companyChanges(runId, action.data, paging));
  if (changed.kind === 'error')
    return show(deps, source, await cardAfter(deps, actor, runId, changed, paging));
  const relay = source.thread === null ? null : threadProgress(deps, source.thread);
  const work = (async () => {
    const view = await deps.bot.handle(
      actor,
      { kind: 'continue-to-users', runId, paging: usersPaging() },
      { onProgress: relay?.push },
    );
    await relay?.settle(true);
    return cardAfter(deps, actor, runId, view, paging);
  })();
  const outcome = await withinDeadline(deps, work);
  if (outcome.done) return show(deps, source, outcome.value);
  const interim = card([
    text('Reading contacts from the PSA… This card shows the users when they are ready.'),
  ]);
  deps.background.run('teams-contacts', async () => {
    const shown = await work;
    await updateForEveryone(deps, source, 'kind' in shown ? cardForView(shown) : shown);
  });
  return show(deps, source, interim);
}

async function dispatch(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const { runId, page, company } = action.data;
  switch (action.verb) {
    case VERBS.review:
      return step(
        deps,
        actor,
        action,
        source,
        [
          ...companyChanges(runId, action.data, reviewPaging(page)),
          { kind: 'review', runId, paging: reviewPaging(page) },
        ],
        reviewPaging(page),
      );
    case VERBS.bulkCompanies: {
      const bulk = companyBulkAction(action.data.action);
      if (bulk === null) {
        return messageResponse('That button is not understood. Use the latest card.');
      }
      return step(
        deps,
        actor,
        action,
        source,
        [{ kind: 'bulk-companies', runId, action: bulk, paging: reviewPaging(page) }],
        reviewPaging(page),
      );
    }
    case VERBS.findCompany:
      return findCompany(deps, actor, action, source);
    case VERBS.continueToUsers:
      return continueToUsers(deps, actor, action, source);
    case VERBS.backToCompanies:
      return step(
        deps,
        actor,
        action,
        source,
        [{ kind: 'back-to-companies', runId, paging: reviewPaging() }],
        reviewPaging(),
      );
    case VERBS.users:
      return step(
        deps,
        actor,
        action,
        source,
        [
          ...userChanges(runId, action.data, usersPaging(page)),
          { kind: 'users', runId, psaCompanyId: company ?? null, paging: usersPaging(page) },
        ],
        usersPaging(page),
      );
    case VERBS.bulkUsers: {
      const bulk = userBulkAction(action.data.action);
      if (bulk === null) {
        return messageResponse('That button is not understood. Use the latest card.');
      }
      const contactType = inputValue(action.data, INPUT.contactType) ?? '';
      const intent: Intent = {
        kind: 'bulk-users',
        runId,
        psaCompanyId: company ?? null,
        action: bulk,
        contactType: contactType === '' ? null : contactType,
        paging: usersPaging(page),
      };
      return step(deps, actor, action, source, [intent], usersPaging(page));
    }
    case VERBS.submit:
      return submitForApproval(deps, actor, action, source);
    case VERBS.approve:
      return approve(deps, actor, action, source);
    case VERBS.reject:
      return reject(deps, actor, action, source);
    case VERBS.cancel:
      return step(deps, actor, action, source, [{ kind: 'cancel', runId }], reviewPaging());
    case VERBS.refresh:
      return currentApproval(deps, actor, runId, source);
  }
}

export async function handleCardAction(
  deps: TeamsDeps,
  activity: TeamsActivity,
): Promise<CardActionResponse> {
  const action = parseCardAction(activity.value);
  if (action === null) return messageResponse('That button is not understood. Use the latest card.');
  const identity = identify(activity, deps.allowedTenants);
  if (!identity.ok) return refusal({ kind: 'error', code: 'foreign_user', details: {} });
  const source = sourceOf(activity);
  // Clicks change state, so a replayed or retried one must have no effect. A refresh only reads.
  if (action.verb !== VERBS.refresh && activity.id !== undefined) {
    const first = await firstDelivery(deps.bot, 'teams', 'card', activity.id, deps.dedupeTtlMs);
    if (!first) return messageResponse('Already received. The card is updated when it is done.');
  }
  return dispatch(deps, identity.actor, action, source);
}
