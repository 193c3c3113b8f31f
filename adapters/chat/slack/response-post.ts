import { request } from 'undici';
import type { FetchLike } from './slack-api.js';

/** A reply Slack has not taken within this is given up (the caller logs it), not waited on forever. */
const RESPONSE_URL_TIMEOUT_MS = 10_000;

/**
 * Posts a reply to a response_url with undici's `request` rather than `fetch`. Every command's
 * answer goes this way, and fetch's WHATWG machinery (Request, Headers, web streams, the response
 * body as a stream) was a measured part of the bot thread's CPU per command; `request` keeps
 * the same pooled keep-alive connections without it. The timeouts are the dispatcher's, per
 * request, so no timer is made per reply.
 */
export function responsePoster(timeoutMs: number): FetchLike {
  return async (url, init) => {
    const { statusCode, body } = await request(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    // The answer's body is not used; it must still be read so the connection returns to the pool.
    await body.dump();
    return { ok: statusCode >= 200 && statusCode < 300, status: statusCode };
  };
}

export const postResponse: FetchLike = responsePoster(RESPONSE_URL_TIMEOUT_MS);
