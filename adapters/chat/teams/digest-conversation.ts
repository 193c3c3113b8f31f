import { z } from 'zod';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import { baseConversationId, type ConversationAddress, conversationIdSchema } from './thread-ref.js';

/**
 * Issue 14: a digest is posted to the Teams conversation (channel, group or personal chat) where
 * `schedule` was written: the reference a proactive message needs, its service URL and id.
 */
const addressSchema = z.object({ serviceUrl: z.string().url(), conversationId: conversationIdSchema });

export function encodeDigestConversation(address: ConversationAddress): ThreadRef {
  return {
    platform: 'teams',
    data: JSON.stringify({
      serviceUrl: address.serviceUrl,
      conversationId: baseConversationId(address.conversationId),
    }),
  };
}

export function decodeDigestConversation(ref: ThreadRef): ConversationAddress | null {
  if (ref.platform !== 'teams') return null;
  try {
    const parsed = addressSchema.safeParse(JSON.parse(ref.data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
