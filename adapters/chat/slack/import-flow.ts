import type { View } from '../../../src/app/views.js';
import type { Provider } from '../../../src/domain/provider.js';
import { PROVIDER_LABELS } from '../../../src/domain/provider.js';
import { type SlackMessage, section } from './blocks.js';
import { mentionOrName } from './mrkdwn.js';
import { ProgressReporter } from './progress-reporter.js';
import { renderProgress } from './render/progress-message.js';
import { REVIEW_PAGE_SIZE, renderReview } from './render/review-message.js';
import { renderSimpleView } from './render/simple-views.js';
import type { Conversation } from './slack-context.js';
import { type SlackThread, threadRef } from './thread.js';

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

function fallback(view: View): SlackMessage {
  return (
    renderSimpleView(view) ?? { text: 'Something went wrong', blocks: [section('Something went wrong')] }
  );
}

/**
 * `/psa import <provider> [filters]`, after the ack. Nothing is posted in the channel until the
 * core has taken the lock and starts fetching, so a refusal (not an admin, locked, no
 * credentials, a bad filter) stays private. Then: one root message, one working message in its
 * thread that shows progress and becomes the review.
 */
export async function runImport(
  conversation: Conversation,
  channel: string,
  provider: Provider,
  filterText: string,
): Promise<void> {
  const { api, clock, logger, progressIntervalMs } = conversation.deps;
  let opened: Promise<{ thread: SlackThread; work: string }> | null = null;
  const open = () => {
    opened ??= (async () => {
      const root = await api.post(channel, rootMessage(conversation, provider));
      const work = await api.post(
        channel,
        { text: 'Starting…', blocks: [section(':hourglass_flowing_sand: Starting…')] },
        root,
      );
      return { thread: { channel, ts: root }, work };
    })();
    return opened;
  };
  const reporter = new ProgressReporter(
    async (progress) => {
      const { work } = await open();
      await api.update(channel, work, renderProgress(progress));
    },
    clock,
    logger,
    progressIntervalMs,
  );
  // One call: the core opens the thread (posts the root) only once the import is sure to start.
  const view = await conversation.handle(
    { kind: 'import', provider, filterText, pageSize: REVIEW_PAGE_SIZE },
    {
      onProgress: (progress) => reporter.push(progress),
      openThread: async () => threadRef((await open()).thread),
    },
  );
  await reporter.settle();
  if (opened === null) return conversation.tellView(view);
  const { work } = await opened;
  await api.update(channel, work, view.kind === 'review' ? renderReview(view) : fallback(view));
}
