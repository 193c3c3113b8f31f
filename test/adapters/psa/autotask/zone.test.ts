import { describe, expect, it } from 'vitest';
import { accountKey, apiBaseFromZoneUrl, ZoneCache } from '../../../../adapters/psa/autotask/zone.js';

describe('zone URL rules', () => {
  it('builds the V1.0 base from the zone url', () => {
    expect(apiBaseFromZoneUrl('https://webservices14.autotask.net/ATServicesRest/').href).toBe(
      'https://webservices14.autotask.net/ATServicesRest/V1.0/',
    );
    expect(apiBaseFromZoneUrl('https://webservices2.autotask.net').href).toBe(
      'https://webservices2.autotask.net/ATServicesRest/V1.0/',
    );
    expect(apiBaseFromZoneUrl('http://127.0.0.1:4000/ATServicesRest').href).toBe(
      'http://127.0.0.1:4000/ATServicesRest/V1.0/',
    );
  });

  it.each(['http://webservices14.autotask.net/', 'https://user:pw@evil.example/', 'ftp://x/', 'nonsense'])(
    'refuses %s',
    (url) => {
      expect(() => apiBaseFromZoneUrl(url)).toThrow('psa_invalid_response');
    },
  );
});

describe('ZoneCache', () => {
  it('keys by a hash of zone base and user, never holding the name in clear', () => {
    const key = accountKey('https://webservices.autotask.net', 'API@msp.example');
    expect(key).toBe(accountKey('https://webservices.autotask.net', 'api@msp.example'));
    expect(key).not.toContain('msp');
    expect(key).not.toBe(accountKey('http://127.0.0.1:1', 'api@msp.example'));
  });

  it('reuses a zone until its TTL passes and shares one discovery between concurrent callers', async () => {
    let now = 0;
    let discoveries = 0;
    const cache = new ZoneCache();
    const freshness = { ttlMs: 1_000, now: () => now };
    const discover = async () => {
      discoveries += 1;
      return { apiBase: new URL('https://webservices1.autotask.net/ATServicesRest/V1.0/') };
    };
    await Promise.all([cache.get('k', freshness, discover), cache.get('k', freshness, discover)]);
    now = 999;
    await cache.get('k', freshness, discover);
    expect(discoveries).toBe(1);
    now = 1_000;
    await cache.get('k', freshness, discover);
    expect(discoveries).toBe(2);
    cache.forget('k');
    await cache.get('k', freshness, discover);
    expect(discoveries).toBe(3);
  });
});
