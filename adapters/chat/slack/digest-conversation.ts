import { z } from 'zod';
import type { ThreadRef } from '../../../src/domain/thread-ref.js';

/** Issue 14: a digest is posted to the channel where `/psa schedule` was typed. */
const channelSchema = z.object({ channel: z.string().regex(/^[CDG][A-Z0-9]{2,30}$/) });

export function encodeDigestConversation(channel: string): ThreadRef {
  return { platform: 'slack', data: JSON.stringify({ channel }) };
}

export function decodeDigestConversation(ref: ThreadRef): string | null {
  if (ref.platform !== 'slack') return null;
  try {
    const parsed = channelSchema.safeParse(JSON.parse(ref.data));
    return parsed.success ? parsed.data.channel : null;
  } catch {
    return null;
  }
}
