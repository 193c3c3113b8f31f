import { describe, expect, it } from 'vitest';
import { assertSameOrigin, parseSiteUrl } from '../../../../adapters/psa/shared/base-url.js';
import { AppError } from '../../../../src/domain/errors.js';

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('parseSiteUrl', () => {
  it.each([
    ['na.myconnectwise.net', 'https://na.myconnectwise.net', false],
    ['  HTTPS://Psa.Example.com/  ', 'https://psa.example.com', false],
    ['psa.example.com:8443', 'https://psa.example.com:8443', false],
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010', true],
    ['http://localhost:4010', 'http://localhost:4010', true],
    ['http://[::1]:4010', 'http://[::1]:4010', true],
  ])('accepts %s', (input, origin, loopback) => {
    const site = parseSiteUrl(input);
    expect(site.origin).toBe(origin);
    expect(site.isLoopback).toBe(loopback);
  });

  it.each([
    ['', 'host name'],
    ['http://psa.example.com', 'https'],
    ['ftp://psa.example.com', 'https'],
    ['https://user:pw@psa.example.com', 'user name'],
    ['https://na.myconnectwise.net/v4_6_release/services', 'path'],
    ['https://psa.example.com/?a=1', 'path'],
    ['http://127.0.0.2.example.com', 'https'],
    ['https://exa mple.com', 'valid'],
  ])('rejects %j with a hint', (input, hintWord) => {
    const error = rejection(() => parseSiteUrl(input));
    expect(error.code).toBe('invalid_input');
    expect(error.details.hint).toContain(hintWord);
  });
});

describe('assertSameOrigin', () => {
  it('accepts a link on the same origin, relative or absolute', () => {
    expect(assertSameOrigin('/a?page=2', 'https://h.example').href).toBe('https://h.example/a?page=2');
    expect(assertSameOrigin('https://h.example/b', 'https://h.example').pathname).toBe('/b');
  });

  it.each(['https://evil.example/a', 'http://h.example/a', 'https://h.example:444/a'])(
    'rejects %s as an invalid response',
    (link) => {
      expect(rejection(() => assertSameOrigin(link, 'https://h.example')).code).toBe('psa_invalid_response');
    },
  );
});
