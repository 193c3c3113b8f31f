import type { ApprovalView } from '../../../src/app/views.js';
import type { Actor } from '../../../src/domain/chat-identity.js';
import { type ApprovalPosting, approveRun, rejectRun } from '../shared/approval-flow.js';
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

/**
 * The card answers the clicker: the first refusal (unless the run simply moved on, then the
 * approval as it is now), else the decided card, which everyone sees too.
 */
function posting(deps: TeamsDeps, actor: Actor, source: Source) {
  let answer: CardActionResponse | null = null;
  let movedOn = false;
  const handlers: ApprovalPosting = {
    async refresh(view) {
      if (answer !== null && !movedOn) return;
      answer = cardResponse(
        view.kind === 'approval' ? await approvalFor(deps, actor, source, view) : approvedCard(view),
      );
    },
    async refuse(view) {
      movedOn = view.code === 'run_finished' || view.code === 'invalid_input';
      answer ??= refusal(view);
    },
    async approved(result, before) {
      const decided =
        before === null
          ? approvedCard(result)
          : approvalCard({ ...before, state: 'approved', approverName: result.approverName }, 'base', []);
      await updateForEveryone(deps, source, decided);
      await replyInThread(deps, source, resultCard(result));
      answer = cardResponse(decided);
    },
    async rejected(view) {
      const decided = await approvalFor(deps, null, source, view);
      await updateForEveryone(deps, source, decided);
      await replyInThread(
        deps,
        source,
        card([text(`The import was rejected by ${md(actor.displayName, 80)}.`)]),
      );
      answer = cardResponse(decided);
    },
  };
  return {
    handlers,
    answer: (): CardActionResponse => answer ?? cardResponse(card([text('Nothing changed.')])),
  };
}

export async function approve(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const { runId, version } = action.data;
  const shown = posting(deps, actor, source);
  const work = approveRun(deps.bot, actor, { runId, seenVersion: version ?? null }, shown.handlers).then(
    shown.answer,
  );
  // A large plan may take longer to apply than Teams waits; the card follows when it is done.
  const outcome = await withinDeadline(deps, work);
  if (outcome.done) return outcome.value;
  deps.background.run('teams-apply', () => work, `run:${runId}`);
  return cardResponse(
    card(
      [text('Applying the import… This card shows the outcome when it is done.')],
      [execute('Refresh', VERBS.refresh, { runId })],
    ),
  );
}

export async function reject(deps: TeamsDeps, actor: Actor, action: CardAction, source: Source) {
  const { runId, version } = action.data;
  const reason = inputValue(action.data, INPUT.rejectReason) ?? '';
  const shown = posting(deps, actor, source);
  await rejectRun(deps.bot, actor, { runId, seenVersion: version ?? null, reason }, shown.handlers);
  return shown.answer();
}
