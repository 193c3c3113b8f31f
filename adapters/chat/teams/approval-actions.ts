import type { ApprovalView } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import { approvalCard, approvedCard, audienceFor } from './approval-card.js';
import { type CardAction, INPUT, inputValue, VERBS } from './card-actions.js';
import { type Card, card, execute, text } from './card-kit.js';
import {
  type CardActionResponse,
  cardAfter,
  refusal,
  replyInThread,
  runAll,
  type Source,
  show,
  updateForEveryone,
  usersPaging,
} from './card-step.js';
import { cardResponse } from './invoke-responses.js';
import { md } from './markdown.js';
import { userChanges } from './row-changes.js';
import { resultCard } from './run-cards.js';
import { type TeamsDeps, withinDeadline } from './teams-deps.js';
import { cardForView } from './view-card.js';

/**
 * Submitting, the approval card and its decisions. The base card everyone sees has no buttons;
 * Teams refreshes it into each listed admin's own view, and the core checks the approval rule at
 * every click anyway.
 */

export async function approvalFor(
  deps: TeamsDeps,
  actor: Actor | null,
  source: Source,
  view: ApprovalView,
): Promise<Card> {
  const userIds = view.state === 'pending' ? await deps.refreshUsers.idsFor(source.conversation, view) : [];
  return approvalCard(view, actor === null ? 'base' : audienceFor(view, actor.userId), userIds);
}

/** The approval as it stands, as this admin may see it (a refresh, a late or repeated click). */
export async function currentApproval(deps: TeamsDeps, actor: Actor, runId: string, source: Source) {
  const view = await deps.bot.handle(actor, { kind: 'show-run', runId, paging: usersPaging() });
  if (view.kind === 'error') return refusal(view);
  if (view.kind === 'approval') return cardResponse(await approvalFor(deps, actor, source, view));
  if (view.kind === 'result') return cardResponse(approvedCard(view));
  return cardResponse(cardForView(view));
}

export async function submitForApproval(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const runId = action.data.runId;
  const paging = usersPaging(action.data.page);
  const view = await runAll(deps, actor, [
    ...userChanges(runId, action.data, paging),
    { kind: 'submit', runId },
  ]);
  if (view.kind !== 'approval') return show(deps, source, await cardAfter(deps, actor, runId, view, paging));
  const submitted = card([
    text(
      `Submitted for approval by ${md(actor.displayName, 80)}. The approval request is below in this thread.`,
    ),
  ]);
  // Everyone sees the base card; Teams refreshes it into each listed admin's own view.
  const approval = await approvalFor(deps, null, source, view);
  await replyInThread(deps, source, approval);
  return show(deps, source, submitted);
}

export async function approve(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const runId = action.data.runId;
  const before = await deps.bot.handle(actor, { kind: 'show-run', runId, paging: usersPaging() });
  const work = (async (): Promise<CardActionResponse> => {
    const view = await deps.bot.handle(actor, { kind: 'approve', runId, version: action.data.version ?? -1 });
    if (view.kind === 'error') {
      return view.code === 'run_finished' ? currentApproval(deps, actor, runId, source) : refusal(view);
    }
    if (view.kind !== 'result') return cardResponse(cardForView(view));
    const decided =
      before.kind === 'approval'
        ? approvalCard({ ...before, state: 'approved', approverName: view.approverName }, 'base', [])
        : approvedCard(view);
    await updateForEveryone(deps, source, decided);
    await replyInThread(deps, source, resultCard(view));
    return cardResponse(decided);
  })();
  // A large plan may take longer to apply than Teams waits; the card follows when it is done.
  const outcome = await withinDeadline(deps, work);
  if (outcome.done) return outcome.value;
  deps.background.run('teams-apply', async () => {
    await work;
  });
  return cardResponse(
    card(
      [text('Applying the import… This card shows the outcome when it is done.')],
      [execute('Refresh', VERBS.refresh, { runId })],
    ),
  );
}

export async function reject(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const runId = action.data.runId;
  const reason = inputValue(action.data, INPUT.rejectReason) ?? '';
  const view = await deps.bot.handle(actor, {
    kind: 'reject',
    runId,
    version: action.data.version ?? -1,
    reason,
  });
  if (view.kind === 'error') {
    return view.code === 'run_finished' ? currentApproval(deps, actor, runId, source) : refusal(view);
  }
  if (view.kind !== 'approval') return cardResponse(cardForView(view));
  const decided = await approvalFor(deps, null, source, view);
  await updateForEveryone(deps, source, decided);
  await replyInThread(deps, source, card([text(`The import was rejected by ${md(actor.displayName, 80)}.`)]));
  return cardResponse(decided);
}
