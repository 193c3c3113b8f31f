import { describe, expect, it } from 'vitest';
import { checkAuthServerUrl, parseHaloBaseUrl } from '../../../../adapters/psa/halopsa/halo-base-url.js';
import { appErrorOf } from '../shared/app-error-of.js';

describe('the Halo base URL', () => {
  it.each([
    ['acme.halopsa.com', 'https://acme.halopsa.com', true],
    ['https://Acme.HaloITSM.com/', 'https://acme.haloitsm.com', true],
    ['https://acme.halopsa.com/api', 'https://acme.halopsa.com', true],
    ['https://support.acme.example/halo/auth/', 'https://support.acme.example/halo', false],
    ['http://127.0.0.1:4012', 'http://127.0.0.1:4012', false],
    ['http://[::1]:4012/', 'http://[::1]:4012', false],
  ])('%s -> %s', (input, base, hosted) => {
    const parsed = parseHaloBaseUrl(input);
    expect(parsed.base).toBe(base);
    expect(parsed.hosted).toBe(hosted);
  });

  it.each([
    ['', 'Enter the Halo web address'],
    ['http://acme.halopsa.com', 'Use https'],
    ['ftp://acme.halopsa.com', 'must be an https address'],
    ['https://user:pw@acme.halopsa.com', 'Remove the user name'],
    ['https://acme.halopsa.com/?tenant=x', 'without ? or #'],
  ])('refuses %j with a hint', async (input, hint) => {
    const error = await appErrorOf(Promise.resolve().then(() => parseHaloBaseUrl(input)));
    expect(error.code).toBe('invalid_input');
    expect(error.details.hint).toContain(hint);
  });

  it('accepts an auth server on https, or on plain http only on loopback', () => {
    expect(checkAuthServerUrl('https://auth.halopsa.com/auth')?.href).toBe('https://auth.halopsa.com/auth');
    expect(checkAuthServerUrl('http://127.0.0.1:9/identity')).not.toBeNull();
    expect(checkAuthServerUrl('http://evil.example/auth')).toBeNull();
    expect(checkAuthServerUrl('not a url')).toBeNull();
  });
});
