import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAppError } from '../../src/domain/errors.js';
import type { Clock } from '../../src/ports/clock.js';
import type { ApiTokenRecord } from '../../src/ports/directory-api.js';
import type { IdGenerator } from '../../src/ports/ids.js';
import type { Logger } from '../../src/ports/logger.js';
import type { Storage } from '../../src/ports/storage.js';
import { authenticate } from './api-auth.js';
import { sendError, sendJson, sendUnauthorized } from './json-response.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { createRateLimiter } from './rate-limiter.js';
import { changeJson, companyJson, importJson, userJson } from './resources.js';

export const API_PREFIX = '/api/v1';

export interface ApiSurfaceOptions {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  /** Requests per minute per token. */
  readonly rateLimitPerMinute: number;
}

/** Same shape as the chat surfaces the HTTP server mounts (adapters/chat/shared/http-surface.ts). */
export interface ApiSurface {
  readonly name: string;
  handles(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  stop(): Promise<void>;
}

type Answer = { readonly status: number; readonly body: unknown };

function limitOf(url: URL): number | null {
  const raw = url.searchParams.get('limit');
  if (raw === null) return 50;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : null;
}

const BAD_LIMIT: Answer = {
  status: 400,
  body: { error: { code: 'bad_request', message: 'limit is 1 to 200' } },
};
const NOT_FOUND: Answer = { status: 404, body: { error: { code: 'not_found', message: 'not found' } } };

/** A stored record that does not read back: the server's fault, said with a stable code and no internals. */
const DAMAGED: Answer = {
  status: 500,
  body: { error: { code: 'stored_data_invalid', message: 'a stored record could not be read' } },
};

async function answer(storage: Storage, token: ApiTokenRecord, url: URL): Promise<Answer> {
  const reads = storage.repos.directoryApi.reads;
  const tenant = token.tenantId;
  const path = url.pathname.slice(API_PREFIX.length);
  const limit = limitOf(url);
  const cursor = url.searchParams.get('cursor');
  if (path === '/companies') {
    if (limit === null) return BAD_LIMIT;
    const page = await reads.companies(tenant, cursor, limit);
    return { status: 200, body: { data: page.items.map(companyJson), nextCursor: page.nextCursor } };
  }
  const users = /^\/companies\/([^/]+)\/users$/.exec(path);
  if (users?.[1] !== undefined) {
    if (limit === null) return BAD_LIMIT;
    const page = await reads.companyUsers(tenant, decodeURIComponent(users[1]), cursor, limit);
    if (page === null) return NOT_FOUND;
    return { status: 200, body: { data: page.items.map(userJson), nextCursor: page.nextCursor } };
  }
  if (path === '/users') {
    const email = url.searchParams.get('email')?.trim() ?? '';
    if (email === '')
      return { status: 400, body: { error: { code: 'bad_request', message: 'email is required' } } };
    const found = await reads.usersByEmail(tenant, email);
    return { status: 200, body: { data: found.map(userJson), nextCursor: null } };
  }
  if (path === '/imports') {
    if (limit === null) return BAD_LIMIT;
    const page = await reads.imports(tenant, cursor, limit);
    return { status: 200, body: { data: page.items.map(importJson), nextCursor: page.nextCursor } };
  }
  if (path === '/changes') {
    const since = url.searchParams.get('since') ?? '0';
    if (limit === null || !/^\d{1,18}$/.test(since)) {
      return {
        status: 400,
        body: { error: { code: 'bad_request', message: 'since is a cursor from nextCursor' } },
      };
    }
    const changes = await storage.repos.directoryApi.outbox.changesSince(tenant, Number(since), limit);
    const last = changes.at(-1);
    return {
      status: 200,
      body: { data: changes.map(changeJson), nextCursor: last === undefined ? since : String(last.seq) },
    };
  }
  return NOT_FOUND;
}

/**
 * The answer, or DAMAGED when a record it reads is damaged: that use is still audited, and the
 * log line keeps the error with its cause (record and field, never the stored value).
 */
async function answerOrDamaged(
  storage: Storage,
  token: ApiTokenRecord,
  url: URL,
  logger: Logger,
): Promise<Answer> {
  try {
    return await answer(storage, token, url);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'stored_data_invalid') throw error;
    logger.error({ err: error, code: error.code, path: url.pathname }, 'API read met a damaged record');
    return DAMAGED;
  }
}

/**
 * The read API under /api/v1: Bearer tokens of one tenant, read-only, every use audited, a
 * per-token rate limit. The OpenAPI document is public: it describes, it reveals no data.
 */
export function createApiSurface(options: ApiSurfaceOptions): ApiSurface {
  const limiter = createRateLimiter(options.rateLimitPerMinute);
  const { storage, clock, logger } = options;
  return {
    name: 'api',
    handles: (pathname) => pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`),
    async handle(req, res) {
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          return sendError(res, 405, 'method_not_allowed', 'the API is read-only');
        }
        if (url.pathname === `${API_PREFIX}/openapi.json`) return sendJson(res, 200, OPENAPI_DOCUMENT);
        const token = await authenticate(storage.repos, req);
        if (token === null) {
          logger.info({ path: url.pathname }, 'API request without a valid token');
          return sendUnauthorized(res);
        }
        const now = clock.now();
        const wait = limiter.take(token.id, now.getTime());
        const result: Answer =
          wait === null
            ? await answerOrDamaged(storage, token, url, logger)
            : { status: 429, body: { error: { code: 'rate_limited', message: 'too many requests' } } };
        await storage.repos.directoryApi.tokens.touch(token.id, now.toISOString());
        await storage.repos.audit.append({
          id: options.ids.next(),
          tenantId: token.tenantId,
          runId: null,
          actorKey: `api-token:${token.id}`,
          action: 'api.read',
          // The path only: query strings may carry an email address.
          detail: { method: req.method, path: url.pathname, status: result.status, tokenName: token.name },
          at: now.toISOString(),
        });
        sendJson(res, result.status, result.body, wait === null ? {} : { 'retry-after': String(wait) });
      } catch (error) {
        logger.error({ errorName: (error as Error).name }, 'API request failed');
        if (!res.headersSent) sendError(res, 500, 'internal', 'internal error');
        else res.end();
      }
    },
    async stop() {},
  };
}
