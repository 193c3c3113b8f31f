import { describe, expect, it } from 'vitest';
import { emailsOf, toUtcIso } from '../../../../adapters/psa/connectwise/record-mapping.js';

describe('toUtcIso', () => {
  it.each([
    [null, null],
    ['', null],
    ['not a date', null],
    ['2026-02-03T04:05:06Z', '2026-02-03T04:05:06.000Z'],
    ['2026-02-03T04:05:06', '2026-02-03T04:05:06.000Z'],
    ['2026-02-03T06:05:06+02:00', '2026-02-03T04:05:06.000Z'],
    ['2026-02-28T23:59:59Z', '2026-02-28T23:59:59.000Z'],
    [' 2026-02-03T04:05:06Z ', '2026-02-03T04:05:06.000Z'],
    ['2026-02-03T04:05:06.123Z', '2026-02-03T04:05:06.123Z'],
    // Out of range: rolled over or refused as Date.parse does, not copied through.
    ['2025-02-30T00:00:00Z', '2025-03-02T00:00:00.000Z'],
    ['2025-01-01T24:00:00Z', '2025-01-02T00:00:00.000Z'],
    ['2025-13-01T00:00:00Z', null],
    ['2025-00-10T00:00:00Z', null],
    ['2025-01-01T23:59:60Z', null],
    ['2025-1-01T00:00:00Z ', null],
  ])('normalises %j', (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it('gives what Date.parse gives for every plain UTC stamp of a grid, in range or not', () => {
    const two = (value: number) => String(value).padStart(2, '0');
    for (const year of ['0000', '1999', '2024', '2025', '9999'])
      for (let month = 0; month <= 13; month += 1)
        for (let day = 0; day <= 32; day += 1)
          for (const time of ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60']) {
            const stamp = `${year}-${two(month)}-${two(day)}T${time}Z`;
            const millis = Date.parse(stamp);
            expect(toUtcIso(stamp)).toBe(Number.isNaN(millis) ? null : new Date(millis).toISOString());
          }
  });
});

describe('emailsOf', () => {
  it('keeps Email items only, default first, without blanks or repeats', () => {
    expect(
      emailsOf([
        { value: 'b@x.example', communicationType: 'Email', defaultFlag: false },
        { value: '555', communicationType: 'Phone', defaultFlag: true },
        { value: 'a@x.example', communicationType: 'Email', defaultFlag: true },
        { value: null, communicationType: 'Email' },
        { value: 'B@X.example', communicationType: 'Email' },
        { value: 'c@x.example', communicationType: null },
      ]),
    ).toEqual(['a@x.example', 'b@x.example']);
  });
});
