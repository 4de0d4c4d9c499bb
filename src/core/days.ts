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

/** The `Day` of a UTC-midnight timestamp. */
export function utcMsToDay(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
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
