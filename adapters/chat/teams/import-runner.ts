import type { Actor } from '../../../src/domain/chat-identity.js';
import type { Provider } from '../../../src/domain/provider.js';
import { messageFor } from '../shared/error-messages.js';
import { REVIEW_PAGE_SIZE } from './paging.js';
import { ProgressRelay } from './progress-relay.js';
import { rootCard } from './run-cards.js';
import type { TeamsDeps } from './teams-deps.js';
import {
  baseConversationId,
  type ConversationAddress,
  encodeThread,
  type ThreadAddress,
} from './thread-ref.js';
import { cardForView } from './view-card.js';

export interface ImportRequest {
  readonly actor: Actor;
  readonly conversation: ConversationAddress;
  /** Channels have threads; chats get flat replies to the root. */
  readonly channel: boolean;
  readonly provider: Provider;
  readonly filterText: string;
}

/**
 * An import started from the dialog, after the dialog has been answered: posts the root card,
 * tells the core where the thread is, shows progress, then the review (or the refusal) in the
 * thread, and updates the root card with how it went.
 */
export async function runImport(deps: TeamsDeps, request: ImportRequest): Promise<void> {
  const { actor, provider } = request;
  const conversation: ConversationAddress = {
    serviceUrl: request.conversation.serviceUrl,
    conversationId: baseConversationId(request.conversation.conversationId),
  };
  const rootId = await deps.connector.post(
    conversation,
    rootCard(provider, actor.displayName, 'Reading companies…'),
  );
  const thread: ThreadAddress = { ...conversation, rootActivityId: rootId, threaded: request.channel };
  const relay = new ProgressRelay(deps.connector, thread, deps.clock, deps.logger, deps.progressIntervalMs);

  const view = await deps.bot.handle(
    actor,
    { kind: 'import', provider, filterText: request.filterText, pageSize: REVIEW_PAGE_SIZE },
    { onProgress: relay.push, openThread: async () => encodeThread(thread) },
  );
  await relay.finish();
  await deps.connector.reply(thread, cardForView(view));
  const state =
    view.kind === 'review'
      ? 'Review the companies in this thread.'
      : view.kind === 'error'
        ? `The import did not start: ${messageFor(view.code, view.details).text}`
        : 'The import did not start.';
  await deps.connector.update(conversation, rootId, rootCard(provider, actor.displayName, state));
}
