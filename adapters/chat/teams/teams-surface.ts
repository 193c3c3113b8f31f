import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { PUBLIC, withOverrides } from '@microsoft/teams.api';
import { App } from '@microsoft/teams.apps';
import type { Dispatcher } from 'undici';
import type { ImportBot } from '../../../src/app/bot-api.js';
import type { Secret } from '../../../src/domain/secret.js';
import type { Clock } from '../../../src/ports/clock.js';
import type { Logger } from '../../../src/ports/logger.js';
import { BackgroundRunner } from '../shared/background-runner.js';
import type { HttpSurface } from '../shared/http-surface.js';
import { logError } from '../shared/log-error.js';
import { clientCredentialsToken } from './bot-token.js';
import { createConnector } from './connector.js';
import { digestCard } from './digest-card.js';
import { decodeDigestConversation } from './digest-conversation.js';
import { BodyTooLargeError, headersOf, RouteBridge, readBody, sendJson } from './http-bridge.js';
import { RefreshUsers } from './refresh-users.js';
import { routeActivity } from './router.js';
import { sdkLogger } from './sdk-logger.js';
import type { TeamsDeps } from './teams-deps.js';
import { decodeThread } from './thread-ref.js';
import { cardForView } from './view-card.js';

export const TEAMS_PATH = '/api/messages';

/** Bot Framework token validation and the bot's own credentials (the normal, hosted mode). */
export interface ValidatedAuth {
  readonly mode: 'validated';
  readonly appId: string;
  readonly appPassword: Secret<string>;
  readonly tenantId: string;
  /** Must end in `/openidconfiguration`: the SDK reads the key set from the sibling `/keys`. */
  readonly openIdMetadataUrl: string;
  readonly tokenIssuer: string;
  /** Where the bot gets its own token (client credentials), e.g. `https://login.microsoftonline.com`. */
  readonly authority: string;
  readonly botScope: string;
}

/** Tests and local development only: no token is checked. Logged loudly at start. */
export interface UnauthenticatedMode {
  readonly mode: 'unauthenticated';
}

export interface TeamsSurfaceOptions {
  readonly bot: ImportBot;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly auth: ValidatedAuth | UnauthenticatedMode;
  /** Bot Connector hosts outbound calls may go to (see service-url.ts). */
  readonly serviceUrlHosts: readonly string[];
  /** Teams tenants served; null serves any tenant (only sensible unauthenticated). */
  readonly allowedTenants: readonly string[] | null;
  readonly progressIntervalMs?: number;
  /** Defaults to waiting 3.5 s; tests pass their own. */
  readonly answerDeadline?: () => Promise<void>;
  readonly dedupeTtlMs?: number;
  readonly maxBodyBytes?: number;
  /** For the bot's token requests. */
  readonly dispatcher?: Dispatcher;
}

export interface TeamsSurface extends HttpSurface {
  /** Resolves when no background work (imports, slow steps) is running. */
  idle(): Promise<void>;
}

/** Teams answers an invoke within 5 s or retries; leave room for the network. */
const ANSWER_WITHIN_MS = 3_500;

/**
 * Microsoft Teams at `/api/messages` on the shared HTTP server. The Teams SDK (`@microsoft/
 * teams.apps` 2.0) validates the Bot Framework token and routes the activity; our handlers turn
 * it into intents for the core and answer with Adaptive Cards; outbound messages go through the
 * SDK's Bot Connector client (`@microsoft/teams.api`) behind a service URL allow-list.
 */
export function createTeamsSurface(options: TeamsSurfaceOptions): TeamsSurface {
  const { auth, logger } = options;
  const tokens =
    auth.mode === 'validated'
      ? clientCredentialsToken({
          authority: auth.authority,
          tenantId: auth.tenantId,
          appId: auth.appId,
          appPassword: auth.appPassword,
          scope: auth.botScope,
          clock: options.clock,
          ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
        })
      : null;
  const connector = createConnector({ allowedHosts: options.serviceUrlHosts, tokens });
  const background = new BackgroundRunner(logger, 'teams');
  const deps: TeamsDeps = {
    bot: options.bot,
    connector,
    refreshUsers: new RefreshUsers(connector),
    clock: options.clock,
    logger,
    background,
    allowedTenants: options.allowedTenants,
    progressIntervalMs: options.progressIntervalMs ?? 1_500,
    answerDeadline: options.answerDeadline ?? (() => delay(ANSWER_WITHIN_MS, undefined, { ref: false })),
    dedupeTtlMs: options.dedupeTtlMs ?? 24 * 3_600_000,
  };

  const bridge = new RouteBridge(TEAMS_PATH);
  const app = new App({
    httpServerAdapter: bridge,
    messagingEndpoint: TEAMS_PATH,
    logger: sdkLogger(logger),
    dangerouslyAllowUnauthenticatedRequests: auth.mode === 'unauthenticated',
    ...(auth.mode === 'validated'
      ? {
          clientId: auth.appId,
          tenantId: auth.tenantId,
          // The SDK's own Bot Connector calls (we make none through it) would use our token too.
          token: () => tokens?.token() ?? Promise.reject(new Error('no bot credentials')),
          cloud: withOverrides(PUBLIC, {
            openIdMetadataUrl: auth.openIdMetadataUrl,
            tokenIssuer: auth.tokenIssuer,
            loginEndpoint: auth.authority,
            botScope: auth.botScope,
          }),
        }
      : {}),
  });
  app.use(async (ctx) => routeActivity(deps, ctx.activity));

  if (auth.mode === 'unauthenticated') {
    logger.warn(
      { surface: 'teams', path: TEAMS_PATH },
      'TEAMS TOKEN VALIDATION IS OFF (TEAMS_ALLOW_UNAUTHENTICATED): anyone who can reach this port can act as any Teams user. Use this for tests and local development only, never on a reachable host.',
    );
  }
  // Registers the SDK's route on the bridge; awaited by the first request, never left unhandled.
  const ready = app.initialize().then(
    () => true,
    (error: unknown) => {
      logError(logger, 'teams sdk failed to initialise', error);
      return false;
    },
  );
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  let stopping = false;

  return {
    name: 'teams',
    handles: (pathname) => pathname === TEAMS_PATH,
    async handle(req: IncomingMessage, res: ServerResponse) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' });
      if (stopping) return sendJson(res, 503, { error: 'shutting down' });
      // Cheap refusal before reading anything; the SDK checks the token itself below.
      if (auth.mode === 'validated' && !/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
        return sendJson(res, 401, { error: 'unauthorized' });
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req, maxBodyBytes)).toString('utf8'));
      } catch (error) {
        return sendJson(res, error instanceof BodyTooLargeError ? 413 : 400, { error: 'bad request' });
      }
      // The SDK only compares the token's serviceurl claim when the activity names one.
      if (
        typeof body !== 'object' ||
        body === null ||
        typeof (body as { serviceUrl?: unknown }).serviceUrl !== 'string'
      ) {
        return sendJson(res, 400, { error: 'bad request' });
      }
      const route = (await ready) ? bridge.handler : null;
      if (route === null) return sendJson(res, 503, { error: 'not ready' });
      const answer = await route({ body, headers: headersOf(req) });
      return sendJson(res, answer.status, answer.body);
    },
    async stop() {
      stopping = true;
      await background.idle();
    },
    async postDigest(conversation, view) {
      const address = decodeDigestConversation(conversation);
      if (address === null) return false;
      await connector.post(address, digestCard(view));
      return true;
    },
    idle: () => background.idle(),
    async postInThread(ref, view) {
      // The webhook failure digest: a reply in the run's thread, outside any request.
      const thread = decodeThread(ref);
      if (thread === null) return false;
      await connector.reply(thread, cardForView(view));
      return true;
    },
  };
}
