import { hostname } from 'node:os';
import { type ApiSurface, createApiSurface } from '../api/api-surface.js';
import { createWebhookDispatcher } from '../webhooks/dispatcher.js';
import { safePost } from '../webhooks/safe-post.js';
import type { App } from './create-app.js';
import { randomIds } from './runtime.js';

type Wiring = Pick<App, 'config' | 'opened' | 'clock' | 'ids' | 'secrets' | 'logger'>;

/** The read API as one more surface of the HTTP server (issue 13). */
export function directoryApiSurface(app: Wiring): ApiSurface {
  return createApiSurface({
    storage: app.opened.storage,
    clock: app.clock,
    ids: app.ids,
    logger: app.logger.child({ surface: 'api' }),
    rateLimitPerMinute: app.config.directoryApi.apiRateLimitPerMinute,
  });
}

/** Starts the webhook dispatcher unless WEBHOOKS=off; returns the function that stops it. */
export function startWebhooks(app: Wiring): () => Promise<void> {
  const settings = app.config.directoryApi;
  if (!settings.webhooksEnabled) return async () => {};
  const dispatcher = createWebhookDispatcher({
    storage: app.opened.storage,
    secrets: app.secrets,
    clock: app.clock,
    logger: app.logger.child({ component: 'webhooks' }),
    owner: `${hostname()}:${process.pid}:${randomIds.next()}`,
    post: (url, headers, body) =>
      safePost(url, headers, body, {
        allowPrivate: settings.webhookAllowPrivate,
        timeoutMs: settings.webhookTimeoutMs,
      }),
    random: Math.random,
    leaseMs: settings.webhookLeaseMs,
    batchSize: 50,
    concurrency: 8,
    pollMs: 1000,
  });
  dispatcher.start();
  return () => dispatcher.stop();
}
