import type { Day, Instant } from './facts.js';

/**
 * Calendar arithmetic on org-local `Day` strings (`YYYY-MM-DD`). Days are handled as UTC
 * midnights internally so that the process time zone (TZ) can never shift a date.
 */

const MS_PER_DAY = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch of the UTC midnight of `day`. */
export function dayToUtcMs(day: Day): number {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * The `Day` of a UTC timestamp. Arithmetic on the day number (the proleptic Gregorian
 * calendar, as `Date` uses) instead of `toISOString`: scorecards of thousands of reps call it
 * hundreds of thousands of times, and building a Date and a string for each was a quarter of
 * an organization-wide ranking (bench-L).
 */
export function utcMsToDay(ms: number): Day {
  const days = Math.floor(ms / MS_PER_DAY) + 719_468; // days since 0000-03-01
  const era = Math.floor(days / 146_097);
  const dayOfEra = days - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1_460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(ms).toISOString().slice(0, 10);
  return `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/** Builds a `Day` from a year, a 1-based month and a day of month. */
export function makeDay(year: number, month: number, dayOfMonth = 1): Day {
  return utcMsToDay(Date.UTC(year, month - 1, dayOfMonth));
}

export function addDays(day: Day, days: number): Day {
  return utcMsToDay(dayToUtcMs(day) + days * MS_PER_DAY);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((dayToUtcMs(to) - dayToUtcMs(from)) / MS_PER_DAY);
}

/** The `YYYY-MM` month key of a day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

/** Adds months to a `YYYY-MM` month key. */
export function addMonths(month: string, months: number): string {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1 + months;
  return makeDay(year, monthIndex + 1).slice(0, 7);
}

/** Monday–Friday; holidays are not known to the core. */
export function isBusinessDay(day: Day): boolean {
  const weekday = new Date(dayToUtcMs(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Business days in the half-open range [start, end). */
export function countBusinessDays(start: Day, end: Day): number {
  let count = 0;
  for (let day = start; day < end; day = addDays(day, 1)) {
    if (isBusinessDay(day)) count += 1;
  }
  return count;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The org-local calendar day of an instant. `Intl` applies the zone's rules (DST included),
 * so 2026-11-01T06:30Z is still 2026-10-31 in America/Los_Angeles.
 */
export function dayInZone(instant: Instant | Date, timeZone: string): Day {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new Error(`not an instant: ${String(instant)}`);
  const parts = formatter.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
