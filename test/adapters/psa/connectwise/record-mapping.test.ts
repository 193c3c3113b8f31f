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
  ])('normalises %j', (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
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
