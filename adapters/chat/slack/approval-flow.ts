import type { ApprovalView, ResultView } from '../../../src/app/views.js';
import { type ApprovalPosting, approveRun, rejectRun } from '../shared/approval-flow.js';
import { section } from './blocks.js';
import { mentionOrName, mrkdwnText } from './mrkdwn.js';
import type { Ref } from './refs.js';
import { renderApproval, renderApprovalApplied, renderResult } from './render/approval-message.js';
import { renderRejectModal } from './render/connect-modal.js';
import { renderError } from './render/simple-views.js';
import type { Conversation } from './slack-context.js';
import type { MessagePlace } from './thread.js';

function requesterMention(view: ApprovalView | ResultView): string {
  return mentionOrName(view.requester.platform, view.requester.userId, view.run.requesterName);
}

/** The approval message in the thread: redrawn in place, the requester told below it. */
function posting(conversation: Conversation, place: MessagePlace): ApprovalPosting {
  const { api } = conversation.deps;
  return {
    refresh: (view) =>
      api.update(
        place.channel,
        place.ts,
        view.kind === 'approval' ? renderApproval(view) : renderApprovalApplied(view),
      ),
    refuse: (view) => conversation.tell(renderError(view.code, view.details)),
    async approved(result, before) {
      await api.update(place.channel, place.ts, renderApprovalApplied(result));
      await api.post(place.channel, renderResult(result, requesterMention(before ?? result)), place.threadTs);
    },
    async rejected(view, reason) {
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
    },
  };
}

/** Approve from the approval message; the ref carries the version the message showed. */
export async function approve(conversation: Conversation, place: MessagePlace, ref: Ref): Promise<void> {
  await approveRun(
    conversation.deps.bot,
    conversation.actor,
    { runId: ref.r, seenVersion: ref.v },
    posting(conversation, place),
  );
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

/** After the reject modal. */
export async function reject(
  conversation: Conversation,
  ref: Ref,
  place: MessagePlace,
  reason: string,
): Promise<void> {
  await rejectRun(
    conversation.deps.bot,
    conversation.actor,
    { runId: ref.r, seenVersion: ref.v, reason },
    posting(conversation, place),
  );
}
