import { hostname } from 'node:os';
import { endpointFailingNotice } from '../../src/app/use-cases/webhooks.js';
import type { View } from '../../src/app/views.js';
import type { ImportRun } from '../../src/domain/run.js';
import { type ApiSurface, createApiSurface } from '../api/api-surface.js';
import type { HttpSurface } from '../chat/shared/http-surface.js';
import { createWebhookDispatcher, type FailingEndpoint } from '../webhooks/dispatcher.js';
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

/** Posts a view where a run's admins read it; false when this process cannot reach that place. */
export type RunNotifier = (run: ImportRun, view: View) => Promise<boolean>;

/** The run's thread on whichever chat surface wrote it. */
export function threadNotifier(surfaces: readonly HttpSurface[]): RunNotifier {
  return async (run, view) => {
    if (run.thread === null) return false;
    for (const surface of surfaces) {
      if (surface.postInThread !== undefined && (await surface.postInThread(run.thread, view))) return true;
    }
    return false;
  };
}

/** The failure digest goes to the import's thread; the run must be the endpoint's tenant's. */
function failureDigest(app: Wiring, notify: RunNotifier) {
  return async (failing: FailingEndpoint): Promise<void> => {
    const run = await app.opened.storage.repos.runs.get(failing.runId);
    if (run === null || run.tenantId !== failing.tenantId) return;
    const posted = await notify(run, endpointFailingNotice(failing));
    app.logger.info(
      { runId: run.id, endpointId: failing.endpointId, posted },
      'webhook endpoint keeps failing; digest for the import thread',
    );
  };
}

/**
 * Starts the webhook dispatcher unless WEBHOOKS=off; returns the function that stops it.
 * `notify` posts the failure digest in the import's thread (once per endpoint and run).
 */
export function startWebhooks(app: Wiring, notify: RunNotifier = async () => false): () => Promise<void> {
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
    onEndpointFailing: failureDigest(app, notify),
  });
  dispatcher.start();
  return () => dispatcher.stop();
}
