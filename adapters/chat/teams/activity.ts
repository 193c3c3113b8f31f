import { z } from 'zod';
import { activityIdSchema, type ConversationAddress, conversationIdSchema } from './thread-ref.js';

/**
 * The part of an inbound Teams activity the adapter reads, validated at the edge. The token was
 * checked before this runs; the shapes are checked here.
 */
const accountSchema = z.object({
  id: z.string().max(500),
  aadObjectId: z.string().max(100).optional(),
  name: z.string().max(500).optional(),
  tenantId: z.string().max(100).optional(),
});

const activitySchema = z.object({
  type: z.string().max(100),
  name: z.string().max(200).optional(),
  id: activityIdSchema.optional(),
  serviceUrl: z.string().max(2000),
  from: accountSchema,
  conversation: z.object({
    id: conversationIdSchema,
    tenantId: z.string().max(100).optional(),
    conversationType: z.string().max(50).optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(100) }).optional(),
    })
    .optional(),
  replyToId: activityIdSchema.optional(),
  text: z.string().max(10_000).optional(),
  value: z.unknown().optional(),
});

export type TeamsActivity = z.infer<typeof activitySchema>;

export function parseActivity(body: unknown): TeamsActivity | null {
  const parsed = activitySchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function conversationOf(activity: TeamsActivity): ConversationAddress {
  return { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id };
}

export function isChannel(activity: TeamsActivity): boolean {
  return activity.conversation.conversationType === 'channel';
}

/** A 1:1 chat with the bot: the only place a shown-once secret may be answered. */
export function isPersonal(activity: TeamsActivity): boolean {
  return activity.conversation.conversationType === 'personal';
}
