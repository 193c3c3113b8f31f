import { describe, expect, it } from 'vitest';
import { countOf, formatDate, truncate } from '../../../../adapters/chat/shared/text.js';

describe('shared text helpers', () => {
  it('truncates by characters without splitting emoji', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });

  it('words counts', () => {
    expect(countOf(1, 'company', 'companies')).toBe('1 company');
    expect(countOf(2, 'company', 'companies')).toBe('2 companies');
    expect(countOf(0, 'user')).toBe('0 users');
  });

  it('formats dates in UTC', () => {
    expect(formatDate('2025-03-04T14:05:59.999+02:00')).toBe('2025-03-04 12:05 UTC');
    expect(formatDate(null)).toBe('never');
    expect(formatDate('garbage', '-')).toBe('-');
  });
});
