import type { ApprovalView } from '../../../src/app/views.js';
import { refreshUserIds } from './approval-card.js';
import type { Connector } from './connector.js';
import { baseConversationId, type ConversationAddress } from './thread-ref.js';

const CACHE_LIMIT = 5_000;

/**
 * The ids Teams matches a viewer against in `refresh.userIds`. Teams documents them as the
 * conversation member ids (`29:…`) the roster returns, so each admin's Entra object id is looked
 * up once per conversation; when the lookup fails the object id itself is listed.
 */
export class RefreshUsers {
  readonly #connector: Connector;
  readonly #cache = new Map<string, string>();

  constructor(connector: Connector) {
    this.#connector = connector;
  }

  async idsFor(conversation: ConversationAddress, view: ApprovalView): Promise<string[]> {
    const base = baseConversationId(conversation.conversationId);
    const ids = await Promise.all(
      refreshUserIds(view).map(async (aadObjectId) => {
        const key = `${conversation.serviceUrl}|${base}|${aadObjectId}`;
        const known = this.#cache.get(key);
        if (known !== undefined) return known;
        const memberId = await this.#connector.memberId(conversation, aadObjectId);
        if (memberId === null) return aadObjectId;
        if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
        this.#cache.set(key, memberId);
        return memberId;
      }),
    );
    return [...new Set(ids)];
  }
}
