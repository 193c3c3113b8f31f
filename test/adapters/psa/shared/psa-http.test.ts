import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKeyedLimiter } from '../../../../adapters/psa/shared/keyed-limiter.js';
import { createPsaHttp, type PsaHttpOptions } from '../../../../adapters/psa/shared/psa-http.js';
import { appErrorOf } from './app-error-of.js';

const ORIGIN = 'https://psa.example.test';
const schema = z.object({ ok: z.boolean() });
const JSON_HEADERS = { 'content-type': 'application/json' };

let agent: MockAgent;
let sleeps: number[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  sleeps = [];
});
afterEach(async () => {
  await agent.close();
});

function client(overrides: Partial<PsaHttpOptions> = {}) {
  return createPsaHttp({
    dispatcher: agent,
    timeoutMs: 2_000,
    maxAttempts: 3,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
    ...overrides,
  });
}

const get = { method: 'GET' as const, url: `${ORIGIN}/items?secret=abc`, idempotent: true };

describe('createPsaHttp', () => {
  it('returns validated data with lower-cased headers and counts requests', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: '/items?secret=abc', method: 'GET' })
      .reply(200, { ok: true, extra: 1 }, { headers: { ...JSON_HEADERS, 'X-Thing': 'a' } });
    const http = client();
    const response = await http.send(get, schema);
    expect(response.data).toEqual({ ok: true });
    expect(response.headers['x-thing']).toBe('a');
    expect(http.requestCount()).toBe(1);
  });

  it.each([
    [401, 'psa_auth_failed'],
    [403, 'psa_forbidden'],
    [500, 'psa_server_error'],
    [404, 'psa_invalid_response'],
    [400, 'psa_invalid_response'],
  ])('maps %i to %s without retrying', async (status, code) => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(status, '{"code":"X","message":"no"}');
    const http = client();
    const error = await appErrorOf(http.send(get, schema));
    expect(error.code).toBe(code);
    expect(http.requestCount()).toBe(1);
  });

  it('retries a 502 and then succeeds, sleeping with full jitter', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(502, '<html>bad gateway</html>');
    pool.intercept({ path: /.*/, method: 'GET' }).reply(503, '');
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    const http = client({ backoff: { baseMs: 100, capMs: 150 }, random: () => 0.5 });
    expect((await http.send(get, schema)).data.ok).toBe(true);
    expect(sleeps).toEqual([50, 75]);
    expect(http.requestCount()).toBe(3);
  });

  it('gives up after maxAttempts with psa_server_error', async () => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(504, '').times(3);
    const http = client();
    expect((await appErrorOf(http.send(get, schema))).code).toBe('psa_server_error');
    expect(http.requestCount()).toBe(3);
  });

  it('honours Retry-After in seconds as the minimum wait', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(429, '', { headers: { 'retry-after': '7' } });
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    await client({ random: () => 0 }).send(get, schema);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(7_000);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const pool = agent.get(ORIGIN);
    pool
      .intercept({ path: /.*/, method: 'GET' })
      .reply(503, '', { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:12 GMT' } });
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    await client({ random: () => 0, now: () => now }).send(get, schema);
    expect(sleeps[0]).toBeGreaterThanOrEqual(12_000);
  });

  it('reports psa_rate_limited with retryAfterSeconds when 429 persists', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: /.*/, method: 'GET' })
      .reply(429, '{"errors":["slow down"]}', { headers: { 'retry-after': '30' } })
      .times(2);
    const error = await appErrorOf(client({ maxAttempts: 2 }).send(get, schema));
    expect(error.code).toBe('psa_rate_limited');
    expect(error.details.retryAfterSeconds).toBe(30);
  });

  it('fails at once when Retry-After is longer than the client will wait', async () => {
    agent
      .get(ORIGIN)
      .intercept({ path: /.*/, method: 'GET' })
      .reply(429, '', { headers: { 'retry-after': '3600' } });
    const http = client();
    const error = await appErrorOf(http.send(get, schema));
    expect(error.details.retryAfterSeconds).toBe(3600);
    expect(sleeps).toEqual([]);
    expect(http.requestCount()).toBe(1);
  });

  it('never retries a non-idempotent request', async () => {
    agent.get(ORIGIN).intercept({ path: '/items', method: 'POST' }).reply(503, '');
    const http = client();
    const error = await appErrorOf(
      http.send({ method: 'POST', url: `${ORIGIN}/items`, body: { a: 1 }, idempotent: false }, schema),
    );
    expect(error.code).toBe('psa_server_error');
    expect(http.requestCount()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('sends a JSON body with its content type', async () => {
    agent
      .get(ORIGIN)
      .intercept({
        path: '/query',
        method: 'POST',
        body: '{"filter":[1]}',
        headers: { 'content-type': 'application/json' },
      })
      .reply(200, { ok: true });
    const http = client();
    const response = await http.send(
      { method: 'POST', url: `${ORIGIN}/query`, body: { filter: [1] }, idempotent: true },
      schema,
    );
    expect(response.data.ok).toBe(true);
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>Login</body></html>'],
    ['a body of the wrong shape', '{"ok":"yes"}'],
    ['an empty body', ''],
  ])('maps a 200 with %s to psa_invalid_response', async (_label, body) => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(200, body);
    expect((await appErrorOf(client().send(get, schema))).code).toBe('psa_invalid_response');
  });

  it('retries network errors for reads, then reports psa_unreachable', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).replyWithError(refused).times(3);
    const http = client();
    expect((await appErrorOf(http.send(get, schema))).code).toBe('psa_unreachable');
    expect(http.requestCount()).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('times out a slow answer with psa_timeout', async () => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true }).delay(1_000);
    const error = await appErrorOf(client({ timeoutMs: 20 }).send(get, schema));
    expect(error.code).toBe('psa_timeout');
  });

  it('lets a provider classifier override the default verdict', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(500, '{"errors":["IntegrationCode is invalid."]}');
    const http = client({
      classify: (status, body) =>
        status === 500 && body.messages.includes('IntegrationCode is invalid.')
          ? { action: 'fail', code: 'psa_auth_failed' }
          : undefined,
    });
    expect((await appErrorOf(http.send(get, schema))).code).toBe('psa_auth_failed');
  });

  it('logs method, host, path, status and attempt but never the query or headers', async () => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    const lines: unknown[] = [];
    const sink = (fields: unknown) => lines.push(fields);
    const logger = { debug: sink, info: sink, warn: sink, error: sink };
    await client({ logger }).send({ ...get, headers: { authorization: 'Basic c2VjcmV0' } }, schema);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      host: 'psa.example.test',
      path: '/items',
      status: 200,
      attempt: 1,
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret|c2VjcmV0/);
  });

  it('keeps at most the limit in flight per endpoint key', async () => {
    agent.get(ORIGIN).intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true }).delay(5).persist();
    const limiter = createKeyedLimiter({ defaultLimit: 2 });
    const http = client({ limiter });
    await Promise.all(Array.from({ length: 6 }, () => http.send({ ...get, endpointKey: 'items' }, schema)));
    expect(limiter.maxInFlight('items')).toBe(2);
    expect(http.requestCount()).toBe(6);
  });

  it('keeps one request fewer in flight after a 429 when asked to, and says so in the log', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(429, '', { headers: { 'retry-after': '1' } });
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true }).persist();
    const lines: unknown[] = [];
    const sink = (fields: unknown) => lines.push(fields);
    const logger = { debug: () => {}, info: sink, warn: sink, error: sink };
    const limiter = createKeyedLimiter({ defaultLimit: 3 });
    const http = client({ limiter, lowerLimitOn429: true, logger });
    await http.send({ ...get, endpointKey: 'items' }, schema);
    expect(limiter.limitFor('items')).toBe(2);
    expect(lines).toEqual([{ endpoint: 'items', limit: 2 }]);
    await http.send({ ...get, endpointKey: 'items' }, schema);
    expect(limiter.limitFor('items')).toBe(2);
  });

  it('leaves the limit alone on a 429 by default (a limit the vendor documents)', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(429, '', { headers: { 'retry-after': '1' } });
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    const limiter = createKeyedLimiter({ defaultLimit: 3 });
    await client({ limiter }).send({ ...get, endpointKey: 'items' }, schema);
    expect(limiter.limitFor('items')).toBe(3);
  });

  it('lowers only on 429, not on a 503', async () => {
    const pool = agent.get(ORIGIN);
    pool.intercept({ path: /.*/, method: 'GET' }).reply(503, '');
    pool.intercept({ path: /.*/, method: 'GET' }).reply(200, { ok: true });
    const limiter = createKeyedLimiter({ defaultLimit: 3 });
    await client({ limiter, lowerLimitOn429: true }).send({ ...get, endpointKey: 'items' }, schema);
    expect(limiter.limitFor('items')).toBe(3);
  });
});
