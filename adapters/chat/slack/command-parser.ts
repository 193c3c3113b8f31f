import { type AdminRef, type ChatCommand, parseChatCommand } from '../shared/command-grammar.js';
import { encodeDigestConversation } from './digest-conversation.js';

/** `<@U123|alice>` or `<@U123>` (Slack escapes mentions in command text), or a bare id. */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$/;
const BARE_ID = /^([UW][A-Z0-9]{2,})$/;

function slackUser(word: string): AdminRef | null {
  const mention = MENTION.exec(word);
  if (mention?.[1] !== undefined)
    return { platform: 'slack', userId: mention[1], name: mention[2] || mention[1] };
  const bare = BARE_ID.exec(word);
  return bare?.[1] === undefined ? null : { platform: 'slack', userId: bare[1] };
}

/**
 * The text after `/psa`, in the shared grammar; Slack only adds how it writes a user and, for
 * `/psa schedule`, the channel the command came from. Tokens and webhooks are allowed: every
 * command answer is ephemeral (response_url), so a shown-once secret reaches only the admin who
 * asked.
 */
export function parseCommand(text: string, channel?: string): ChatCommand {
  return parseChatCommand(text, {
    adminRef: slackUser,
    directoryApi: true,
    conversation: channel === undefined ? null : encodeDigestConversation(channel),
  });
}
