import type {
  ApiTokenCreatedView,
  ApiTokensView,
  WebhookSecretView,
  WebhooksView,
} from '../../../../src/app/views.js';
import { type Block, context, header, type SlackMessage, section } from '../blocks.js';
import { escapeMrkdwn, formatCount, mrkdwnText } from '../mrkdwn.js';

export type DirectoryApiView = ApiTokenCreatedView | ApiTokensView | WebhookSecretView | WebhooksView;

/** Items listed; a tenant with more manages them by id (one section each keeps under 50 blocks). */
const SHOWN = 20;

function when(iso: string | null): string {
  return iso === null ? 'never' : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function events(list: readonly string[]): string {
  return list.length === 0 ? 'all events' : list.map((e) => `\`${escapeMrkdwn(e)}\``).join(', ');
}

/** Secrets are our own alphabet (base64, `psa_`, `whsec_`): shown as code so they copy whole. */
function secretLine(secret: string): string {
  return `\`${escapeMrkdwn(secret)}\``;
}

function more(total: number): Block[] {
  return total > SHOWN ? [context(`…and ${formatCount(total - SHOWN)} more`)] : [];
}

/**
 * Tokens and webhooks (issue 13). Always sent as the ephemeral answer to the admin who asked
 * (response_url), never into the channel: the token and the `whsec_` secret appear only here.
 */
export function renderDirectoryApiView(view: DirectoryApiView): SlackMessage {
  switch (view.kind) {
    case 'api-token-created':
      return {
        text: 'API token created; copy it now, it is never shown again',
        blocks: [
          header('API token created'),
          section(
            `*${mrkdwnText(view.name, 80)}* (id \`${escapeMrkdwn(view.tokenId)}\`). Copy it now; it is never shown again:\n${secretLine(view.token)}`,
          ),
          context('Only you can see this. Use it as `Authorization: Bearer <token>` on `/api/v1`.'),
        ],
      };
    case 'api-tokens': {
      const lines = view.tokens
        .slice(0, SHOWN)
        .map((t) =>
          section(
            `\`${escapeMrkdwn(t.id)}\` *${mrkdwnText(t.name, 80)}* · by ${mrkdwnText(t.createdBy, 80)} · last used ${when(t.lastUsedAt)}${t.revokedAt === null ? '' : ` · *revoked* ${when(t.revokedAt)}`}`,
          ),
        );
      return {
        text: `API tokens: ${formatCount(view.tokens.length)}`,
        blocks: [
          header('API tokens'),
          ...(lines.length === 0
            ? [section('No API tokens yet. Create one with `/psa tokens create <name>`.')]
            : lines),
          ...more(view.tokens.length),
        ],
      };
    }
    case 'webhook-secret':
      return {
        text: view.rotated ? 'Webhook secret rotated' : 'Webhook endpoint added',
        blocks: [
          header(view.rotated ? 'Webhook secret rotated' : 'Webhook endpoint added'),
          section(
            `${mrkdwnText(view.url, 300)} (id \`${escapeMrkdwn(view.endpointId)}\`), ${events(view.events)}.\n${
              view.rotated
                ? 'The new signing secret; the old one keeps signing for 24 hours:'
                : 'Its signing secret, shown once:'
            }\n${secretLine(view.secret)}`,
          ),
          context('Only you can see this. Verify deliveries with the `standardwebhooks` library.'),
        ],
      };
    case 'webhooks': {
      const lines = view.endpoints
        .slice(0, SHOWN)
        .map((e) =>
          section(
            [
              `\`${escapeMrkdwn(e.id)}\` ${mrkdwnText(e.url, 300)} · ${e.disabledReason === null ? '*active*' : `*disabled* (${mrkdwnText(e.disabledReason, 80)})`}`,
              `${events(e.events)} · last success ${when(e.lastSuccessAt)} · failures ${formatCount(e.failed)} · queued ${formatCount(e.queued)}`,
              ...(e.lastError === null ? [] : [`last error: ${mrkdwnText(e.lastError, 300)}`]),
            ].join('\n'),
          ),
        );
      return {
        text: `Webhook endpoints: ${formatCount(view.endpoints.length)}`,
        blocks: [
          header('Webhook endpoints'),
          ...(lines.length === 0
            ? [section('No webhook endpoints. Add one with `/psa webhooks add <https url> [events]`.')]
            : lines),
          ...more(view.endpoints.length),
        ],
      };
    }
  }
}
