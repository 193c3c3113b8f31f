import type { ThreadRef } from '../../../src/domain/thread-ref.js';
import { type ChatCommand, parseChatCommand } from '../shared/command-grammar.js';

/** Removes `<at>Bot</at>` mentions and any other markup Teams puts around the text. */
export function commandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/?psa\b\s*/i, '');
}

/**
 * A message to the bot (`@PSA import connectwise`, or `/psa status` in a personal chat), in the
 * shared grammar. Users are named by their Teams id (`admins add <id> [Display Name]`). Tokens and
 * webhooks are allowed; the message handler keeps shown-once secrets to personal chats.
 */
export function parseTextCommand(raw: string, conversation: ThreadRef | null = null): ChatCommand {
  return parseChatCommand(commandText(raw), {
    adminRef: (word) => (word === '' ? null : { platform: 'teams', userId: word }),
    directoryApi: true,
    conversation,
  });
}
