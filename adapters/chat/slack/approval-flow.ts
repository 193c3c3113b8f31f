import type { ApprovalView, View } from '../../../src/app/views.js';
import { type SlackMessage, section } from './blocks.js';
import { mentionOrName, mrkdwnText } from './mrkdwn.js';
import type { Ref } from './refs.js';
import { renderApproval, renderApprovalApplied, renderResult } from './render/approval-message.js';
import { renderRejectModal } from './render/connect-modal.js';
import { REVIEW_PAGE_SIZE } from './render/review-message.js';
import { renderError } from './render/simple-views.js';
import type { Conversation } from './slack-context.js';
import type { MessagePlace } from './thread.js';

function requesterMention(view: ApprovalView): string {
  return mentionOrName(view.requester.platform, view.requester.userId, view.run.requesterName);
}

/** The approval message as it should look now; used after any decision or stale click. */
function currentApprovalMessage(view: View): SlackMessage | null {
  if (view.kind === 'approval') return renderApproval(view);
  if (view.kind === 'result') return renderApprovalApplied(view);
  return null;
}

/**
 * Approve: the click's version must still be the run's (a plan changed after the message was
 * posted is not approved by an old button), then the core approves and applies it once; the
 * approval message loses its buttons and the requester is told in the thread.
 */
export async function approve(conversation: Conversation, place: MessagePlace, ref: Ref): Promise<void> {
  const { api } = conversation.deps;
  const current = await conversation.handle({
    kind: 'show-run',
    runId: ref.r,
    paging: { page: 0, pageSize: REVIEW_PAGE_SIZE },
  });
  if (current.kind === 'error') return conversation.tell(renderError(current.code, current.details));
  if (current.kind === 'approval' && current.state === 'pending' && current.run.version !== ref.v) {
    await api.update(place.channel, place.ts, renderApproval(current));
    return conversation.tell(
      renderError('invalid_input', {
        hint: 'this approval request changed after it was posted; check the updated message',
      }),
    );
  }
  const view = await conversation.handle({ kind: 'approve', runId: ref.r, version: ref.v });
  if (view.kind === 'result') {
    await api.update(place.channel, place.ts, renderApprovalApplied(view));
    const mention = current.kind === 'approval' ? requesterMention(current) : null;
    await api.post(place.channel, renderResult(view, mention), place.threadTs);
    return;
  }
  if (view.kind === 'error') {
    await conversation.tell(renderError(view.code, view.details));
    if (view.code === 'cannot_approve_own' || view.code === 'not_admin') return;
  }
  const refreshed = await conversation.handle({
    kind: 'show-run',
    runId: ref.r,
    paging: { page: 0, pageSize: REVIEW_PAGE_SIZE },
  });
  const message = currentApprovalMessage(refreshed);
  if (message !== null) await api.update(place.channel, place.ts, message);
}

export async function openRejectForm(
  conversation: Conversation,
  triggerId: string,
  ref: Ref,
  place: MessagePlace,
): Promise<void> {
  await conversation.deps.api.openModal(
    triggerId,
    renderRejectModal({ ref, channel: place.channel, ts: place.ts, threadTs: place.threadTs }),
  );
}

/** After the reject modal: the approval message shows the rejection, the requester is told. */
export async function reject(
  conversation: Conversation,
  ref: Ref,
  place: MessagePlace,
  reason: string,
): Promise<void> {
  const { api } = conversation.deps;
  const view = await conversation.handle({ kind: 'reject', runId: ref.r, version: ref.v, reason });
  if (view.kind !== 'approval') {
    if (view.kind === 'error') await conversation.tell(renderError(view.code, view.details));
    const refreshed = currentApprovalMessage(
      await conversation.handle({
        kind: 'show-run',
        runId: ref.r,
        paging: { page: 0, pageSize: REVIEW_PAGE_SIZE },
      }),
    );
    if (refreshed !== null) await api.update(place.channel, place.ts, refreshed);
    return;
  }
  await api.update(place.channel, place.ts, renderApproval(view));
  const who = mrkdwnText(conversation.actor.displayName, 80);
  await api.post(
    place.channel,
    {
      text: 'Import rejected',
      blocks: [
        section(
          `${requesterMention(view)} your import was rejected by ${who}. Reason: ${mrkdwnText(reason, 500)}\nNothing was applied; the integration is unlocked.`,
        ),
      ],
    },
    place.threadTs,
  );
}
