import { App, type Receiver, SocketModeReceiver } from '@slack/bolt';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { ImportBot } from '../../../src/app/bot-api.js';
import type { Secret } from '../../../src/domain/secret.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import { BackgroundRunner } from '../shared/background-runner.js';
import type { HttpSurface } from '../shared/http-surface.js';
import { logError } from '../shared/log-error.js';
import { handleAction } from './action-handler.js';
import { boltLogger } from './bolt-logger.js';
import { handleCommand } from './command-handler.js';
import { decodeDigestConversation } from './digest-conversation.js';
import { SlackHttpReceiver } from './http-receiver.js';
import { loadOptions } from './options-handler.js';
import { inputValue } from './payloads.js';
import { CALLBACK } from './refs.js';
import { renderLoadingModal } from './render/connect-modal.js';
import { renderDigestMessage } from './render/digest-message.js';
import { postResponse } from './response-post.js';
import { type FetchLike, SlackApi } from './slack-api.js';
import type { SlackDeps } from './slack-context.js';
import { postInSlackThread } from './thread-notice.js';
import { handleViewPayload, parseViewPayload } from './view-handler.js';

export interface SlackSurfaceConfig {
  readonly signingSecret: Secret<string>;
  readonly botToken: Secret<string>;
  /** Set: Socket Mode instead of HTTP. */
  readonly appToken: Secret<string> | null;
  /** Web API base URL (tests point it at a fake); null for Slack's own. */
  readonly apiUrl: string | null;
}

export interface SlackSurfaceOptions {
  readonly bot: ImportBot;
  readonly config: SlackSurfaceConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Retries of the Web API client (429 waits Retry-After, then retries by this policy). */
  readonly retryConfig?: RetryOptions;
  readonly progressIntervalMs?: number;
  /** For response_url replies; undici's request by default (response-post.ts). */
  readonly fetch?: FetchLike;
}

export interface SlackSurface extends HttpSurface {
  readonly mode: 'http' | 'socket';
  /** Resolves when no acknowledged request is still being worked on (tests, shutdown). */
  idle(): Promise<void>;
}

/** Interactive work must not wait half an hour: a few retries over about a minute. */
const DEFAULT_RETRY: RetryOptions = {
  retries: 5,
  factor: 2,
  minTimeout: 1000,
  maxTimeout: 20_000,
  randomize: true,
};
const DEFAULT_PROGRESS_INTERVAL_MS = 1500;

/** A slash command's work, after Slack has its 200 (from Bolt's listener or the HTTP receiver). */
function startCommand(deps: SlackDeps, body: unknown): void {
  deps.tasks.run('command', () => handleCommand(deps, body));
}

function register(app: App, deps: SlackDeps): void {
  const { tasks } = deps;
  // Every listener acknowledges first; the work runs after Slack has its 200. Over HTTP, slash
  // commands are acknowledged by the receiver and never reach this listener (Socket Mode's do).
  app.command(/.*/, async ({ ack, body }) => {
    await ack();
    startCommand(deps, body);
  });
  app.action(/^psa_/, async ({ ack, body }) => {
    await ack();
    const runKey = runKeyOf(body);
    tasks.run('action', () => handleAction(deps, body), runKey);
  });
  app.options(/^psa_company_search/, async ({ ack, body }) => {
    await ack((await loadOptions(deps, body)) as never);
  });
  app.view({ type: 'view_submission' }, async ({ ack, body }) => {
    const payload = parseViewPayload(body);
    if (payload?.view.callback_id === CALLBACK.connect) {
      // Testing credentials can outlast Slack's 3 s: show progress in place, finish by views.update.
      await ack({ response_action: 'update', view: renderLoadingModal('Connect PSA', {}) as never });
    } else if (payload?.view.callback_id === CALLBACK.reject && !hasReason(payload)) {
      await ack({ response_action: 'errors', errors: { reason: 'Say why the import is rejected.' } });
      return;
    } else {
      await ack();
    }
    if (payload !== null) tasks.run('view', () => handleViewPayload(deps, payload));
  });
  app.view({ type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    const payload = parseViewPayload(body);
    if (payload !== null) tasks.run('view-closed', () => handleViewPayload(deps, payload));
  });
  app.error(async (error) => {
    logError(deps.logger, 'slack listener error', error);
  });
}

function hasReason(payload: NonNullable<ReturnType<typeof parseViewPayload>>): boolean {
  return inputValue(payload, 'reason', 'reason').trim() !== '';
}

/** Clicks on one run are handled in order; the run id travels in the button value or block id. */
function runKeyOf(body: unknown): string | undefined {
  const action = (body as { actions?: { value?: unknown; block_id?: unknown }[] }).actions?.[0];
  for (const text of [action?.value, action?.block_id]) {
    if (typeof text !== 'string' || !text.startsWith('{')) continue;
    try {
      const run = (JSON.parse(text) as { r?: unknown }).r;
      if (typeof run === 'string') return `run:${run}`;
    } catch {
      // Not one of our refs: no ordering key.
    }
  }
  return undefined;
}

/**
 * The Slack surface: a Bolt App whose listeners parse Slack payloads into intents for the core
 * and render its views back. Over HTTP it is mounted on the shared server at /slack/events; with
 * an app token it connects by Socket Mode and owns no HTTP path.
 */
export function createSlackSurface(options: SlackSurfaceOptions): SlackSurface {
  const { config, logger, clock } = options;
  const sdkLogger = boltLogger(logger);
  const clientOptions = {
    logger: sdkLogger,
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    ...(config.apiUrl === null ? {} : { slackApiUrl: config.apiUrl }),
  };
  const client = new WebClient(config.botToken.reveal(), clientOptions);
  const fetchFn: FetchLike = options.fetch ?? postResponse;
  const tasks = new BackgroundRunner(logger, 'slack');
  const deps: SlackDeps = {
    bot: options.bot,
    api: new SlackApi(client, logger, fetchFn),
    clock,
    logger,
    tasks,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS,
  };
  const httpReceiver =
    config.appToken === null
      ? new SlackHttpReceiver({
          signingSecret: config.signingSecret,
          clock,
          logger,
          onCommand: (body) => startCommand(deps, body),
        })
      : null;
  const receiver: Receiver =
    httpReceiver ??
    new SocketModeReceiver({
      appToken: config.appToken?.reveal() ?? '',
      logger: sdkLogger,
      installerOptions: { clientOptions },
    });
  const botToken = config.botToken.reveal();
  const app = new App({
    receiver,
    authorize: async () => ({ botToken }),
    logger: sdkLogger,
    ignoreSelf: false,
    convoStore: false,
    clientOptions,
  });
  register(app, deps);
  return {
    name: 'slack',
    mode: httpReceiver === null ? 'socket' : 'http',
    handles: (pathname) => httpReceiver?.handles(pathname) ?? false,
    handle: async (req, res) => {
      if (httpReceiver === null) {
        res.writeHead(404);
        res.end();
        return;
      }
      await httpReceiver.handle(req, res);
    },
    start: async () => {
      await app.start();
    },
    stop: async () => {
      await app.stop();
      await tasks.stop();
    },
    idle: () => tasks.idle(),
    postInThread: (thread, view) => postInSlackThread(deps, thread, view),
    async postDigest(conversation, view) {
      const channel = decodeDigestConversation(conversation);
      if (channel === null) return false;
      await deps.api.post(channel, renderDigestMessage(view));
      return true;
    },
  };
}
