import { describe, expect, it } from 'vitest';
import { normaliseCodebase, resolveSite } from '../../../../adapters/psa/connectwise/connectwise-site.js';
import { AppError } from '../../../../src/domain/errors.js';

describe('resolveSite', () => {
  it.each([
    ['na.myconnectwise.net', 'https://na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
    ['EU.myconnectwise.net', 'https://eu.myconnectwise.net', 'https://api-eu.myconnectwise.net'],
    ['https://au.myconnectwise.net', 'https://au.myconnectwise.net', 'https://api-au.myconnectwise.net'],
    ['za.myconnectwise.net', 'https://za.myconnectwise.net', 'https://api-za.myconnectwise.net'],
    ['api-na.myconnectwise.net', 'https://api-na.myconnectwise.net', 'https://api-na.myconnectwise.net'],
    ['manage.example.com:8443', 'https://manage.example.com:8443', 'https://manage.example.com:8443'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100', 'http://127.0.0.1:4100'],
  ])('maps %s', (input, siteOrigin, apiOrigin) => {
    expect(resolveSite(input)).toEqual({ siteOrigin, apiOrigin });
  });

  it.each([
    'http://na.myconnectwise.net',
    'na.myconnectwise.net/v4_6_release',
    'https://me:pw@manage.example.com',
  ])('rejects %s', (input) => {
    expect(() => resolveSite(input)).toThrow(AppError);
  });
});

describe('normaliseCodebase', () => {
  it.each([
    ['v2026_1', 'v2026_1/'],
    ['/v2026_1/', 'v2026_1/'],
    [' v4_6_release/ ', 'v4_6_release/'],
  ])('normalises %j', (input, expected) => {
    expect(normaliseCodebase(input)).toBe(expected);
  });

  it.each(['', '../x', 'a/b', 'v1?x=1'])('rejects %j', (input) => {
    expect(() => normaliseCodebase(input)).toThrow(AppError);
  });
});
