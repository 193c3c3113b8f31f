import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/domain/errors.js';
import { API, createHarness, PREFIX, PRIVATE_KEY } from './connectwise-mock.js';

let h: ReturnType<typeof createHarness>;
beforeEach(() => {
  h = createHarness();
});
afterEach(async () => {
  await h.agent.close();
});

/** testConnection asks both counts. */
const isCount = (path: string) =>
  path.startsWith(`${PREFIX}/company/`) && path.split('?')[0]?.endsWith('/count') === true;
const basic = Buffer.from(`acmemsp+pubKEY42:${PRIVATE_KEY}`).toString('base64');

/** Runs testConnection and returns its AppError, checking that nothing secret is inside it. */
async function failureOf(open = h.open()): Promise<AppError> {
  const error = await open.testConnection().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  const dump = [
    JSON.stringify(appError),
    JSON.stringify(appError.details),
    appError.message,
    appError.stack ?? '',
    inspect(appError, { depth: 10, showHidden: true }),
  ].join('\n');
  expect(dump).not.toContain(PRIVATE_KEY);
  expect(dump).not.toContain(basic);
  expect(dump).not.toContain('raw-psa-text');
  return appError;
}

function answerCounts(status: number, body: string, headers: Record<string, string> = {}) {
  h.route(API, isCount, () => ({ status, body, headers }));
}

describe('ConnectWise failures', () => {
  it.each([
    [401, 'psa_auth_failed'],
    [403, 'psa_forbidden'],
    [500, 'psa_server_error'],
    [404, 'psa_invalid_response'],
  ])('maps %i to %s without retrying', async (status, code) => {
    answerCounts(status, '{"code":"X","message":"raw-psa-text","errors":[{"message":"raw-psa-text"}]}');
    expect((await failureOf()).code).toBe(code);
    expect(h.sleeps).toEqual([]);
  });

  it('retries a 502 and then succeeds', async () => {
    const failed = new Set<string>();
    h.route(API, isCount, (request) => {
      if (failed.has(request.url.pathname)) return { body: { count: 3 } };
      failed.add(request.url.pathname);
      return { status: 502, body: '<html>raw-psa-text</html>' };
    });
    const session = h.open();
    await session.testConnection();
    expect(h.sleeps).toHaveLength(2);
    expect(session.requestCount()).toBe(4);
  });

  it('honours Retry-After on 429 and reports the wait when it persists', async () => {
    answerCounts(429, '{"message":"raw-psa-text"}', { 'retry-after': '9' });
    const error = await failureOf();
    expect(error.code).toBe('psa_rate_limited');
    expect(error.details.retryAfterSeconds).toBe(9);
    expect(h.sleeps.length).toBeGreaterThan(0);
    for (const slept of h.sleeps) expect(slept).toBeGreaterThanOrEqual(9_000);
  });

  it('maps an HTML page with status 200 to psa_invalid_response', async () => {
    answerCounts(200, '<!DOCTYPE html><html><body>raw-psa-text sign in</body></html>');
    expect((await failureOf()).code).toBe('psa_invalid_response');
  });

  it('maps a body of the wrong shape to psa_invalid_response', async () => {
    answerCounts(200, '{"count":"raw-psa-text"}');
    expect((await failureOf()).code).toBe('psa_invalid_response');
  });

  it('times out a slow answer', async () => {
    h.agent.get(API).intercept({ path: isCount }).reply(200, '{"count":1}').delay(500).persist();
    expect((await failureOf(h.open({}, {}, 20))).code).toBe('psa_timeout');
  });

  it('reports a refused connection as unreachable after retrying', async () => {
    const refused = Object.assign(new Error(`connect ECONNREFUSED ${PRIVATE_KEY}`), { code: 'ECONNREFUSED' });
    h.agent.get(API).intercept({ path: isCount }).replyWithError(refused).persist();
    expect((await failureOf()).code).toBe('psa_unreachable');
    expect(h.sleeps.length).toBeGreaterThanOrEqual(2);
  });
});

describe('ConnectWise credentials', () => {
  it.each([
    [{ privateKey: '' }, 'credentials_required'],
    [{ clientId: '   ' }, 'credentials_required'],
    [{ site: 'http://manage.example.com' }, 'invalid_input'],
    [{ site: 'https://na.myconnectwise.net/v4_6_release/' }, 'invalid_input'],
    [{ clientId: 'has space' }, 'invalid_input'],
    [{ publicKey: 'a:b' }, 'invalid_input'],
    [{ codebase: '../etc' }, 'invalid_input'],
  ])('rejects %j before any request', (extra, code) => {
    let error: unknown;
    try {
      h.open(extra);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect(inspect(error, { depth: 10 })).not.toContain(PRIVATE_KEY);
    expect(h.seen).toEqual([]);
  });
});
