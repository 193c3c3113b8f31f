/**
 * When a change digest is due (issue 14). A schedule is local wall time in an IANA zone; the next
 * due instant is found with the platform's Intl data only, so daylight saving follows the zone's
 * rules rather than a hand-kept offset table.
 */

export type Cadence = 'daily' | 'weekly';

/** 0 = Sunday … 6 = Saturday, as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface DigestSchedule {
  readonly cadence: Cadence;
  /** Only read for weekly schedules. */
  readonly weekday: Weekday;
  /** Minutes after local midnight. */
  readonly minuteOfDay: number;
  readonly timeZone: string;
}

export const WEEKDAY_NAMES: readonly string[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** The defaults a bare `/psa schedule <provider> weekly` gets. */
export const DEFAULT_WEEKDAY: Weekday = 1;
export const DEFAULT_MINUTE_OF_DAY = 8 * 60;
export const DEFAULT_TIME_ZONE = 'UTC';

/** The zone's canonical name, or null when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.length === 0 || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** `mon`, `Monday`, `tues`…: at least three letters of the English name. */
export function parseWeekday(word: string): Weekday | null {
  const lower = word.toLowerCase();
  if (lower.length < 3) return null;
  return WEEKDAYS.find((day) => WEEKDAY_NAMES[day]?.startsWith(lower)) ?? null;
}

/** `HH:MM`, 24-hour, to minutes after midnight; null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function formatTimeOfDay(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** "weekly on Monday at 08:00 (Europe/Berlin)". */
export function describeSchedule(schedule: DigestSchedule): string {
  const day = WEEKDAY_NAMES[schedule.weekday] ?? '';
  const when =
    schedule.cadence === 'daily' ? 'daily' : `weekly on ${day.charAt(0).toUpperCase()}${day.slice(1)}`;
  return `${when} at ${formatTimeOfDay(schedule.minuteOfDay)} (${schedule.timeZone})`;
}

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `zone`. */
function wallTimeAt(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
}

function asUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
}

/**
 * The instant the zone's clocks read `wall`. Two passes settle the zone's offset at that time;
 * when the wall time falls in a spring-forward gap it does not exist, and the instant one offset
 * later (e.g. 03:30 for 02:30) is taken; in an autumn overlap the first reading wins.
 */
function instantOf(wall: WallTime, zone: string): number {
  const guess = asUtc(wall);
  const offsetAt = (instant: number): number => asUtc(wallTimeAt(instant, zone)) - instant;
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  if (asUtc(wallTimeAt(second, zone)) === guess) {
    // Earlier reading of an ambiguous hour: try one hour before.
    const earlier = second - 3_600_000;
    return asUtc(wallTimeAt(earlier, zone)) === guess ? earlier : second;
  }
  return Math.max(first, second);
}

/** Day of the week of a calendar date (no zone involved). */
function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * The first due instant strictly after `after`: the next local date (today included) on the
 * schedule's day whose `minuteOfDay` has not yet passed in the zone.
 */
export function nextDueAfter(schedule: DigestSchedule, after: Date): Date {
  const zone = schedule.timeZone;
  const today = wallTimeAt(after.getTime(), zone);
  const hour = Math.floor(schedule.minuteOfDay / 60);
  const minute = schedule.minuteOfDay % 60;
  for (let offset = 0; offset <= 8; offset++) {
    // Calendar arithmetic on a UTC date keeps month and year rollover right.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if (schedule.cadence === 'weekly' && weekdayOf(year, month, day) !== schedule.weekday) continue;
    const due = instantOf({ year, month, day, hour, minute }, zone);
    if (due > after.getTime()) return new Date(due);
  }
  // Unreachable for a valid zone: a week always has the day.
  throw new Error('no due time within a week');
}
