import { z } from 'zod';
import type { Sender } from './tenancy.js';

/**
 * The parts of Slack's payloads the adapter reads, validated at the edge. Unknown fields are
 * dropped; a payload missing what we need is ignored rather than half-handled.
 */
const id = z.string().min(1).max(64);

export const commandSchema = z.object({
  command: z.string(),
  text: z.string().max(4000).default(''),
  team_id: id,
  enterprise_id: id.optional(),
  user_id: id,
  user_name: z.string().max(200).default(''),
  channel_id: id,
  trigger_id: z.string().min(1).max(200),
  response_url: z.url().optional(),
  /** Present on some Slack Connect payloads: the invoking user's own team. */
  user_team_id: id.optional(),
});
export type CommandPayload = z.infer<typeof commandSchema>;

const user = z.object({
  id,
  team_id: id.optional(),
  enterprise_id: id.optional(),
  name: z.string().max(200).optional(),
  username: z.string().max(200).optional(),
});

const team = z.object({ id, enterprise_id: id.optional() }).nullable().optional();
const enterprise = z.object({ id }).nullable().optional();

const option = z.object({ value: z.string().max(2000) });

const action = z.object({
  action_id: z.string().max(255),
  block_id: z.string().max(255).optional(),
  action_ts: z.string().max(64),
  type: z.string(),
  value: z.string().max(2000).optional(),
  selected_option: option.nullable().optional(),
  selected_options: z.array(option).optional(),
});

const view = z.object({
  id,
  hash: z.string().max(200).optional(),
  callback_id: z.string().max(255).optional(),
  private_metadata: z.string().max(3000).optional(),
  blocks: z.array(z.unknown()).default([]),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional(),
});

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user,
  team,
  enterprise,
  is_enterprise_install: z.boolean().optional(),
  trigger_id: z.string().max(200).optional(),
  response_url: z.url().optional(),
  container: z
    .object({
      type: z.string(),
      message_ts: z.string().max(64).optional(),
      channel_id: id.optional(),
      view_id: id.optional(),
    })
    .optional(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: z.string().max(64), thread_ts: z.string().max(64).optional() }).optional(),
  view: view.optional(),
  actions: z.array(action).min(1),
});
export type BlockActionsPayload = z.infer<typeof blockActionsSchema>;
export type ActionPayload = z.infer<typeof action>;

export const viewPayloadSchema = z.object({
  type: z.enum(['view_submission', 'view_closed']),
  user,
  team,
  enterprise,
  view,
});
export type ViewPayload = z.infer<typeof viewPayloadSchema>;

export const suggestionSchema = z.object({
  type: z.literal('block_suggestion'),
  user,
  team,
  enterprise,
  action_id: z.string().max(255),
  value: z.string().max(2000).default(''),
});
export type SuggestionPayload = z.infer<typeof suggestionSchema>;

/** Text a user typed into a modal input, by block id (our field keys) and action id. */
export function inputValue(payload: ViewPayload, blockId: string, actionId: string): string {
  const entry = payload.view.state?.values[blockId]?.[actionId];
  if (typeof entry !== 'object' || entry === null) return '';
  const value = (entry as { value?: unknown }).value;
  return typeof value === 'string' ? value : '';
}

/** The sender of an interaction (action, view, options load). */
export function interactionSender(payload: {
  readonly user: z.infer<typeof user>;
  readonly team?: z.infer<typeof team>;
  readonly enterprise?: z.infer<typeof enterprise>;
}): Sender {
  const teamId = payload.user.team_id ?? payload.team?.id;
  return {
    userId: payload.user.id,
    displayName: payload.user.name ?? payload.user.username ?? '',
    teamIds: teamId === undefined ? [] : [teamId],
    enterpriseId: payload.user.enterprise_id ?? payload.enterprise?.id ?? payload.team?.enterprise_id ?? null,
  };
}
