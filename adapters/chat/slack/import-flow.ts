import type { View } from '../../../src/app/views.js';
import type { Provider } from '../../../src/domain/provider.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { runImportFlow } from '../shared/import-flow.js';
import { type SlackMessage, section } from './blocks.js';
import { mentionOrName } from './mrkdwn.js';
import { renderProgress } from './render/progress-message.js';
import { REVIEW_PAGE_SIZE, renderReview } from './render/review-message.js';
import { renderSimpleView } from './render/simple-views.js';
import type { Conversation } from './slack-context.js';
import { threadRef } from './thread.js';

function rootMessage(conversation: Conversation, provider: Provider): SlackMessage {
  const who = mentionOrName('slack', conversation.actor.userId, conversation.actor.displayName);
  const label = PROVIDER_LABELS[provider];
  return {
    text: `Import from ${label} started`,
    blocks: [
      section(
        `:inbox_tray: *Import from ${label}* started by ${who}. Progress, the review, the approval and the result follow in this thread.`,
      ),
    ],
  };
}

function inThread(view: View): SlackMessage {
  if (view.kind === 'review') return renderReview(view);
  return (
    renderSimpleView(view) ?? { text: 'Something went wrong', blocks: [section('Something went wrong')] }
  );
}

/**
 * `/psa import <provider> [filters]`, after the ack: the shared import flow, posted as one root
 * message and one working message in its thread that shows progress and becomes the review.
 */
export async function runImport(
  conversation: Conversation,
  channel: string,
  provider: Provider,
  filterText: string,
): Promise<void> {
  const { api } = conversation.deps;
  let work = '';
  await runImportFlow(
    conversation.deps,
    { actor: conversation.actor, provider, filterText, pageSize: REVIEW_PAGE_SIZE },
    {
      eager: false,
      showFinalProgress: false,
      async open() {
        const root = await api.post(channel, rootMessage(conversation, provider));
        work = await api.post(
          channel,
          { text: 'Starting…', blocks: [section(':hourglass_flowing_sand: Starting…')] },
          root,
        );
        return threadRef({ channel, ts: root });
      },
      progress: (view) => api.update(channel, work, renderProgress(view)),
      show: (view) => api.update(channel, work, inThread(view)),
      refuse: (view) => conversation.tellView(view),
    },
  );
}
