import { z } from 'zod';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';

/** Where a conversation lives: the Bot Connector that serves it and its id. */
export interface ConversationAddress {
  readonly serviceUrl: string;
  readonly conversationId: string;
}

/**
 * A run's thread. In a channel, replies go to `<channel>;messageid=<root>`; group and personal
 * chats have no threads, so replies are posted to the chat with `replyToId` set to the root.
 */
export interface ThreadAddress extends ConversationAddress {
  readonly rootActivityId: string;
  readonly threaded: boolean;
}

/** Teams conversation ids: `19:…@thread.tacv2`, `a:1…`, optionally `;messageid=123`. */
export const conversationIdSchema = z.string().regex(/^[\w:@.\-=;]{1,500}$/);
export const activityIdSchema = z.string().regex(/^[\w:@.\-=|]{1,200}$/);

const threadData = z.object({
  serviceUrl: z.string().url(),
  conversationId: conversationIdSchema,
  rootActivityId: activityIdSchema,
  threaded: z.boolean(),
});

export function baseConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The root message id a channel conversation id carries (`;messageid=123`), if any. */
export function threadRootOf(conversationId: string): string | null {
  return /;messageid=(\d+)/.exec(conversationId)?.[1] ?? null;
}

export function threadedConversationId(thread: ThreadAddress): string {
  return `${baseConversationId(thread.conversationId)};messageid=${thread.rootActivityId}`;
}

/** The conversation a thread's replies live in, for updating them. */
export function threadConversation(thread: ThreadAddress): ConversationAddress {
  return {
    serviceUrl: thread.serviceUrl,
    conversationId: thread.threaded
      ? threadedConversationId(thread)
      : baseConversationId(thread.conversationId),
  };
}

export function encodeThread(thread: ThreadAddress): ThreadRef {
  return {
    platform: 'teams',
    data: JSON.stringify({
      serviceUrl: thread.serviceUrl,
      conversationId: baseConversationId(thread.conversationId),
      rootActivityId: thread.rootActivityId,
      threaded: thread.threaded,
    }),
  };
}

export function decodeThread(ref: ThreadRef): ThreadAddress | null {
  if (ref.platform !== 'teams') return null;
  try {
    const parsed = threadData.safeParse(JSON.parse(ref.data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
