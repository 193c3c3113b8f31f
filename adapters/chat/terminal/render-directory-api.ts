import type {
  ApiTokenCreatedView,
  ApiTokensView,
  WebhookSecretView,
  WebhooksView,
} from '../../../src/app/views.js';
import { clean } from './sanitize.js';

type DirectoryApiView = ApiTokenCreatedView | ApiTokensView | WebhookSecretView | WebhooksView;

function when(iso: string | null): string {
  return iso === null ? 'never' : iso.replace('T', ' ').slice(0, 16);
}

/** Tokens and webhooks (issue 13). Secrets appear only in the one answer that creates them. */
export function renderDirectoryApi(view: DirectoryApiView): string {
  switch (view.kind) {
    case 'api-token-created':
      return [
        `✓ API token "${clean(view.name, 80)}" created (id ${view.tokenId}). Copy it now; it is never shown again:`,
        `  ${view.token}`,
        '  Use it as `Authorization: Bearer <token>` on /api/v1.',
      ].join('\n');
    case 'api-tokens':
      return view.tokens.length === 0
        ? 'No API tokens yet. Create one with `/psa tokens create <name>`.'
        : [
            'API tokens:',
            ...view.tokens.map(
              (t) =>
                `  ${t.id}  ${clean(t.name, 80)}  by ${clean(t.createdBy, 80)}  last used ${when(t.lastUsedAt)}${t.revokedAt === null ? '' : `  revoked ${when(t.revokedAt)}`}`,
            ),
          ].join('\n');
    case 'webhook-secret':
      return [
        view.rotated
          ? `✓ New secret for ${clean(view.url, 200)} (id ${view.endpointId}); the old one keeps signing for 24 hours:`
          : `✓ Webhook endpoint ${clean(view.url, 200)} added (id ${view.endpointId}), events: ${view.events.length === 0 ? 'all' : view.events.join(', ')}. Its signing secret, shown once:`,
        `  ${view.secret}`,
      ].join('\n');
    case 'webhooks':
      return view.endpoints.length === 0
        ? 'No webhook endpoints. Add one with `/psa webhooks add <https url> [events]`.'
        : [
            'Webhook endpoints:',
            ...view.endpoints.map((e) =>
              [
                `  ${e.id}  ${clean(e.url, 200)}  ${e.disabledReason === null ? 'active' : `disabled (${clean(e.disabledReason, 80)})`}`,
                `      events: ${e.events.length === 0 ? 'all' : e.events.join(', ')}; last success ${when(e.lastSuccessAt)}; failures ${e.failed}; queued ${e.queued}`,
                ...(e.lastError === null ? [] : [`      last error: ${clean(e.lastError, 200)}`]),
              ].join('\n'),
            ),
          ].join('\n');
  }
}
