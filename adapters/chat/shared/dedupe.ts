import type { ImportBot } from '../../../src/app/bot-api.js';

/** How long a delivery is remembered: far beyond Slack's retry window and Teams' replays. */
export const DEDUPE_TTL_MS = 24 * 60 * 60_000;

/**
 * True the first time a platform delivers this request (a command, a click, a message), false
 * for every retry or replay. The key names the surface and kind so ids of different platforms
 * can never collide.
 */
export function firstDelivery(
  bot: Pick<ImportBot, 'claimOnce'>,
  surface: 'slack' | 'teams' | 'terminal',
  kind: string,
  id: string,
  ttlMs = DEDUPE_TTL_MS,
): Promise<boolean> {
  return bot.claimOnce(`${surface}:${kind}:${id}`, ttlMs);
}
