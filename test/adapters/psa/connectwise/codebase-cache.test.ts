import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CODEBASE_TTL_MS,
  codebaseKey,
  createCodebaseCache,
} from '../../../../adapters/psa/connectwise/codebase-cache.js';
import { appErrorOf } from '../shared/app-error-of.js';
import { API, createHarness, SITE } from './connectwise-mock.js';

describe('createCodebaseCache', () => {
  it('keeps a codebase until its time to live has passed', () => {
    let now = 1_000;
    const cache = createCodebaseCache({ now: () => now, ttlMs: 100 });
    expect(cache.get('a')).toBeNull();
    cache.set('a', 'v2026_1/');
    now = 1_099;
    expect(cache.get('a')).toBe('v2026_1/');
    now = 1_100;
    expect(cache.get('a')).toBeNull();
  });

  it('forgets an entry only while it still holds the stale codebase', () => {
    const cache = createCodebaseCache({ now: () => 0 });
    cache.set('a', 'v2026_2/');
    cache.forget('a', 'v2026_1/');
    expect(cache.get('a')).toBe('v2026_2/');
    cache.forget('a', 'v2026_2/');
    expect(cache.get('a')).toBeNull();
  });

  it('drops the entry detected longest ago past its size', () => {
    const cache = createCodebaseCache({ now: () => 0, maxEntries: 2 });
    cache.set('a', 'v1/');
    cache.set('b', 'v2/');
    cache.set('a', 'v3/');
    cache.set('c', 'v4/');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['v3/', null, 'v4/']);
  });

  it('keys by site and login company, whatever the company id case', () => {
    expect(codebaseKey('https://na.myconnectwise.net', 'AcmeMSP')).toBe(
      codebaseKey('https://na.myconnectwise.net', 'acmemsp'),
    );
    expect(codebaseKey('https://na.myconnectwise.net', 'acme')).not.toBe(
      codebaseKey('https://eu.myconnectwise.net', 'acme'),
    );
  });
});

describe('ConnectWise codebase detection across sessions', () => {
  let h: ReturnType<typeof createHarness>;
  /** What companyinfo says, and the codebases the API host serves. */
  let current: string;
  let served: Set<string>;
  /** How the API answers a codebase it no longer serves. */
  let gone: { status: number; headers?: Record<string, string> };

  beforeEach(() => {
    h = createHarness();
    current = 'v2025_2/';
    served = new Set(['v2025_2/']);
    gone = { status: 404 };
    h.route(
      SITE,
      (p) => p === '/login/companyinfo/acmemsp',
      () => ({ body: { Codebase: current } }),
    );
    h.route(
      API,
      (p) => p.includes('/apis/3.0/'),
      (request) => {
        const codebase = `${request.url.pathname.split('/')[1]}/`;
        if (!served.has(codebase)) return { ...gone, body: '<html>Not here</html>' };
        return { body: { count: 1 } };
      },
    );
  });
  afterEach(async () => {
    await h.agent.close();
  });

  const infoRequests = () => h.seen.filter((r) => r.url.pathname.startsWith('/login/companyinfo/')).length;
  const apiPaths = () =>
    h.seen.filter((r) => r.url.origin === API).map((r) => r.url.pathname.split('/apis/3.0')[0]);
  const detecting = { codebase: '' };

  it('detects once per gateway: the next session goes straight to the API', async () => {
    const gateway = h.gateway();
    await gateway.open(detecting).testConnection();
    expect(infoRequests()).toBe(1);
    await gateway.open(detecting).testConnection();
    expect(infoRequests()).toBe(1);
    expect(apiPaths()).toEqual(Array(4).fill('/v2025_2'));
    // Another gateway (another bot process) detects on its own.
    await h.gateway().open(detecting).testConnection();
    expect(infoRequests()).toBe(2);
  });

  it('detects again once the time to live has passed', async () => {
    let now = 0;
    const gateway = h.gateway({}, 2_000, () => now);
    await gateway.open(detecting).testConnection();
    now = CODEBASE_TTL_MS - 1;
    await gateway.open(detecting).testConnection();
    expect(infoRequests()).toBe(1);
    now = CODEBASE_TTL_MS;
    await gateway.open(detecting).testConnection();
    expect(infoRequests()).toBe(2);
  });

  it('keeps no codebase the admin typed, and detects nothing for it', async () => {
    const gateway = h.gateway();
    await gateway.open({ codebase: 'v2025_2' }).testConnection();
    await gateway.open(detecting).testConnection();
    expect(infoRequests()).toBe(1);
  });

  it.each([
    ['a 404', { status: 404 }],
    ['a redirect', { status: 302, headers: { location: '/v2026_1/apis/3.0/' } }],
  ])(
    'after an upgrade (%s), requests on the kept codebase detect once and are sent again',
    async (_, answer) => {
      const gateway = h.gateway();
      await gateway.open(detecting).testConnection();
      // The site is upgraded: the old codebase is gone.
      current = 'v2026_1/';
      served = new Set(['v2026_1/']);
      gone = answer;
      await gateway.open(detecting).testConnection();
      // Both counts failed on the old codebase; one detection served both retries.
      expect(infoRequests()).toBe(2);
      expect(apiPaths()).toEqual(['/v2025_2', '/v2025_2', '/v2025_2', '/v2025_2', '/v2026_1', '/v2026_1']);
      // The new codebase is kept for the next session.
      await gateway.open(detecting).testConnection();
      expect(infoRequests()).toBe(2);
      expect(apiPaths().slice(6)).toEqual(['/v2026_1', '/v2026_1']);
    },
  );

  it('retries nothing when detecting again gives the same codebase', async () => {
    const gateway = h.gateway();
    await gateway.open(detecting).testConnection();
    served = new Set();
    const error = await appErrorOf(gateway.open(detecting).testConnection());
    expect(error.code).toBe('psa_invalid_response');
    expect(infoRequests()).toBe(2);
    expect(apiPaths()).toHaveLength(4);
  });

  it('does not retry a 404 on a codebase detected by the same session', async () => {
    served = new Set();
    const error = await appErrorOf(h.gateway().open(detecting).testConnection());
    expect(error.code).toBe('psa_invalid_response');
    expect(infoRequests()).toBe(1);
    expect(apiPaths()).toHaveLength(2);
  });

  it('does not detect again for a failure that is not a stale path', async () => {
    const gateway = h.gateway();
    await gateway.open(detecting).testConnection();
    gone = { status: 400 };
    served = new Set();
    const error = await appErrorOf(gateway.open(detecting).testConnection());
    expect(error.code).toBe('psa_invalid_response');
    expect(infoRequests()).toBe(1);
  });
});
