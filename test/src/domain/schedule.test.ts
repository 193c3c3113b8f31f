import { describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  type DigestSchedule,
  describeSchedule,
  nextDueAfter,
  parseTimeOfDay,
  parseWeekday,
} from '../../../src/domain/schedule.js';

const weeklyBerlin: DigestSchedule = {
  cadence: 'weekly',
  weekday: 1,
  minuteOfDay: 8 * 60,
  timeZone: 'Europe/Berlin',
};

describe('digest schedule', () => {
  it('finds the next Monday 08:00 in Berlin, summer and winter time', () => {
    // Friday 2026-03-20, before the switch to summer time on Sunday 2026-03-29.
    expect(nextDueAfter(weeklyBerlin, new Date('2026-03-20T12:00:00Z')).toISOString()).toBe(
      '2026-03-23T07:00:00.000Z',
    );
    // Across the switch: 08:00 CEST is 06:00 UTC.
    expect(nextDueAfter(weeklyBerlin, new Date('2026-03-23T07:00:00Z')).toISOString()).toBe(
      '2026-03-30T06:00:00.000Z',
    );
    // And back in October (switch on Sunday 2026-10-25).
    expect(nextDueAfter(weeklyBerlin, new Date('2026-10-20T00:00:00Z')).toISOString()).toBe(
      '2026-10-26T07:00:00.000Z',
    );
  });

  it('is due later the same day when the time has not passed, else the next day', () => {
    const daily: DigestSchedule = {
      cadence: 'daily',
      weekday: 1,
      minuteOfDay: 9 * 60 + 30,
      timeZone: 'America/New_York',
    };
    expect(nextDueAfter(daily, new Date('2026-07-01T12:00:00Z')).toISOString()).toBe(
      '2026-07-01T13:30:00.000Z',
    );
    expect(nextDueAfter(daily, new Date('2026-07-01T13:30:00Z')).toISOString()).toBe(
      '2026-07-02T13:30:00.000Z',
    );
    // The year rolls over.
    expect(nextDueAfter(daily, new Date('2026-12-31T20:00:00Z')).toISOString()).toBe(
      '2027-01-01T14:30:00.000Z',
    );
  });

  it('moves a wall time that does not exist (spring forward) past the gap', () => {
    const night: DigestSchedule = {
      cadence: 'daily',
      weekday: 0,
      minuteOfDay: 2 * 60 + 30,
      timeZone: 'Europe/Berlin',
    };
    // 02:30 on 2026-03-29 does not exist in Berlin; 03:30 CEST (01:30 UTC) is taken.
    expect(nextDueAfter(night, new Date('2026-03-28T23:00:00Z')).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // The repeated hour in autumn fires once, at its first reading (02:30 CEST = 00:30 UTC).
    const first = nextDueAfter(night, new Date('2026-10-24T23:00:00Z'));
    expect(first.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(nextDueAfter(night, first).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('validates zones, days and times with the platform data', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('')).toBeNull();
    expect(parseWeekday('Tue')).toBe(2);
    expect(parseWeekday('t')).toBeNull();
    expect(parseTimeOfDay('7:05')).toBe(425);
    expect(parseTimeOfDay('24:00')).toBeNull();
    expect(describeSchedule(weeklyBerlin)).toBe('weekly on Monday at 08:00 (Europe/Berlin)');
  });
});
