import { describe, expect, it } from 'vitest';
import { fullJitterDelayMs, parseRetryAfterMs } from '../../../../adapters/psa/shared/retry-policy.js';

describe('fullJitterDelayMs', () => {
  const backoff = { baseMs: 100, capMs: 1_000 };
  it('draws up to an exponential ceiling capped at capMs', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => fullJitterDelayMs(attempt, backoff, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(fullJitterDelayMs(3, backoff, () => 0)).toBe(0);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  it.each([
    [undefined, null],
    ['', null],
    ['garbage', null],
    ['0', 0],
    ['12', 12_000],
    ['1.5', 1_500],
    ['Sun, 01 Mar 2026 10:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 09:00:00 GMT', 0],
  ])('parses %j as %j', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });
});
