import type { Actor } from '../../../src/domain/chat-identity.js';
import type { Provider } from '../../../src/domain/provider.js';
import { messageFor } from '../shared/error-messages.js';
import { runImportFlow } from '../shared/import-flow.js';
import { REVIEW_PAGE_SIZE } from './paging.js';
import { rootCard } from './run-cards.js';
import type { TeamsDeps } from './teams-deps.js';
import { progressPoster } from './thread-progress.js';
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
 * An import started from the dialog or a message, after Teams has had its answer: the shared
 * import flow, posted as a root card (updated with how it went) and replies in its thread.
 */
export async function runImport(deps: TeamsDeps, request: ImportRequest): Promise<void> {
  const { actor, provider } = request;
  const conversation: ConversationAddress = {
    serviceUrl: request.conversation.serviceUrl,
    conversationId: baseConversationId(request.conversation.conversationId),
  };
  let rootId = '';
  let thread: ThreadAddress | null = null;
  let sendProgress: ReturnType<typeof progressPoster> | null = null;
  await runImportFlow(
    deps,
    { actor, provider, filterText: request.filterText, pageSize: REVIEW_PAGE_SIZE },
    {
      // The root card says at once that the import started; refusals were checked before.
      eager: true,
      showFinalProgress: true,
      async open() {
        rootId = await deps.connector.post(
          conversation,
          rootCard(provider, actor.displayName, 'Reading companies…'),
        );
        thread = { ...conversation, rootActivityId: rootId, threaded: request.channel };
        sendProgress = progressPoster(deps, thread);
        return encodeThread(thread);
      },
      progress: async (view, final) => sendProgress?.(view, final),
      async show(view) {
        if (thread !== null) await deps.connector.reply(thread, cardForView(view));
        const state =
          view.kind === 'review'
            ? 'Review the companies in this thread.'
            : view.kind === 'error'
              ? `The import did not start: ${messageFor(view.code, view.details).text}`
              : 'The import did not start.';
        await deps.connector.update(conversation, rootId, rootCard(provider, actor.displayName, state));
      },
      refuse: async (view) => {
        if (thread !== null) await deps.connector.reply(thread, cardForView(view));
      },
    },
  );
}
