import type { Intent } from '../../../src/app/intents.js';
import type {
  ApiTokenCreatedView,
  ApiTokensView,
  WebhookSecretView,
  WebhooksView,
} from '../../../src/app/views.js';
import { type Card, card, type Element, fitted, heading, text } from './card-kit.js';
import { md, ownWords } from './markdown.js';

export type DirectoryApiView = ApiTokenCreatedView | ApiTokensView | WebhookSecretView | WebhooksView;

/** Items listed and text caps, most detail first; the last level fits the worst list. */
interface Detail {
  readonly shown: number;
  readonly max: number;
}
const LEVELS: readonly [Detail, ...Detail[]] = [
  { shown: 20, max: 300 },
  { shown: 20, max: 100 },
  { shown: 10, max: 60 },
];

/** The intents whose answer is a shown-once secret: only in a personal (1:1) chat with the bot. */
export function revealsSecret(intent: Intent): boolean {
  return (
    intent.kind === 'tokens-create' || intent.kind === 'webhooks-add' || intent.kind === 'webhooks-rotate'
  );
}

/** Refused before the core creates anything, so no secret exists that nobody saw. */
export const PERSONAL_CHAT_ONLY = {
  kind: 'error',
  code: 'invalid_input',
  details: {
    hint: 'tokens and webhook secrets are shown once, so create and rotate them in a personal chat with the bot',
  },
} as const;

function when(iso: string | null): string {
  return iso === null ? 'never' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function eventList(events: readonly string[]): string {
  return events.length === 0 ? 'all events' : md(events.join(', '), 300);
}

/** A secret in monospace; escaped like any text so its `_` or `+` stay characters. */
function secretBlock(secret: string): Element {
  return { ...text(md(secret, 200)), fontType: 'Monospace', weight: 'Bolder' };
}

function more(total: number, shown: number): Element[] {
  return total > shown ? [text(`and ${total - shown} more.`, { isSubtle: true })] : [];
}

/** Tokens and webhooks (issue 13); secrets reach these cards only in a personal chat. */
export function directoryApiCard(view: DirectoryApiView): Card {
  switch (view.kind) {
    case 'api-token-created':
      return card([
        heading('API token created'),
        text(`${md(view.name, 80)} (id ${md(view.tokenId, 40)}). Copy it now; it is never shown again:`),
        secretBlock(view.token),
        text(ownWords('Use it as `Authorization: Bearer <token>` on /api/v1.'), { isSubtle: true }),
      ]);
    case 'api-tokens':
      return fitted(LEVELS, ({ shown, max }) =>
        card([
          heading('API tokens'),
          ...(view.tokens.length === 0
            ? [
                text(ownWords('No API tokens yet. Create one with `/psa tokens create <name>`.'), {
                  isSubtle: true,
                }),
              ]
            : view.tokens
                .slice(0, shown)
                .map((t) =>
                  text(
                    `**${md(t.id, 40)}** ${md(t.name, Math.min(max, 80))} · by ${md(t.createdBy, Math.min(max, 80))} · last used ${when(t.lastUsedAt)}${t.revokedAt === null ? '' : ` · **revoked** ${when(t.revokedAt)}`}`,
                    { spacing: 'Small' },
                  ),
                )),
          ...more(view.tokens.length, shown),
        ]),
      );
    case 'webhook-secret':
      return card([
        heading(view.rotated ? 'Webhook secret rotated' : 'Webhook endpoint added'),
        text(`${md(view.url, 300)} (id ${md(view.endpointId, 40)}), ${eventList(view.events)}.`),
        text(
          view.rotated
            ? 'The new signing secret; the old one keeps signing for 24 hours:'
            : 'Its signing secret, shown once:',
        ),
        secretBlock(view.secret),
      ]);
    case 'webhooks':
      return fitted(LEVELS, ({ shown, max }) =>
        card([
          heading('Webhook endpoints'),
          ...(view.endpoints.length === 0
            ? [
                text(
                  ownWords('No webhook endpoints. Add one with `/psa webhooks add <https url> [events]`.'),
                  {
                    isSubtle: true,
                  },
                ),
              ]
            : view.endpoints
                .slice(0, shown)
                .map((e) =>
                  text(
                    [
                      `**${md(e.id, 40)}** ${md(e.url, max)} · ${e.disabledReason === null ? '**active**' : `**disabled** (${md(e.disabledReason, Math.min(max, 80))})`}`,
                      `${eventList(e.events)} · last success ${when(e.lastSuccessAt)} · failures ${e.failed} · queued ${e.queued}`,
                      ...(e.lastError === null ? [] : [`last error: ${md(e.lastError, max)}`]),
                    ].join('\n\n'),
                    { spacing: 'Small', separator: true },
                  ),
                )),
          ...more(view.endpoints.length, shown),
        ]),
      );
  }
}
