import { tzOffset } from '@date-fns/tz';
import { addDays, addMonths, dayInZone, isBusinessDay, makeDay, monthOf } from '../core/days.js';
import type { Day, Instant } from '../core/facts.js';

export { addDays, addMonths, isBusinessDay, monthOf };

const MS_PER_MINUTE = 60_000;

const noonOffsets = new Map<string, number>();

/**
 * The UTC instant of a wall-clock time in `timeZone`. Zones change offset at night (2 a.m.
 * in America/New_York), so the offset at noon holds for every daytime the demo uses; it is
 * cached per day because `Intl` lookups dominate the seed's run time otherwise.
 */
export function localInstant(day: Day, time: string, timeZone: string): Instant {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const midnight = Date.UTC(year ?? 0, (month ?? 1) - 1, dayOfMonth ?? 1);
  const key = `${timeZone} ${day}`;
  let offset = noonOffsets.get(key);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(midnight + 12 * 60 * MS_PER_MINUTE));
    noonOffsets.set(key, offset);
  }
  return new Date(
    midnight + ((hours ?? 0) * 60 + (minutes ?? 0) - offset) * MS_PER_MINUTE,
  ).toISOString();
}

/** `HH:MM` from minutes after midnight. */
export function clock(minutesOfDay: number): string {
  const hours = Math.floor(minutesOfDay / 60);
  const minutes = minutesOfDay % 60;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The calendar the demo is generated against: everything is relative to `today`. */
export interface DemoCalendar {
  timeZone: string;
  now: Date;
  /** Org-local day of `now`. */
  today: Day;
  /** `YYYY-MM` of today: month offset 0. */
  currentMonth: string;
  /** `YYYY-MM` of the month `offset` months from the current one (negative = past). */
  month(offset: number): string;
  /** First day of that month. */
  monthStart(offset: number): Day;
}

export function createCalendar(now: Date, timeZone: string): DemoCalendar {
  const today = dayInZone(now, timeZone);
  const currentMonth = monthOf(today);
  return {
    timeZone,
    now,
    today,
    currentMonth,
    month: (offset) => addMonths(currentMonth, offset),
    monthStart: (offset) => `${addMonths(currentMonth, offset)}-01`,
  };
}

/** Every day of a `YYYY-MM` month. */
export function daysOfMonth(month: string): Day[] {
  const first = `${month}-01`;
  const next = `${addMonths(month, 1)}-01`;
  const days: Day[] = [];
  for (let day = first; day < next; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The nearest business day on or before `day`. */
export function businessDayOnOrBefore(day: Day): Day {
  let result = day;
  while (!isBusinessDay(result)) result = addDays(result, -1);
  return result;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: Day): number {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, dayOfMonth ?? 1)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The month's fiscal year, named by the calendar year it starts in. */
export function fiscalYearOfMonth(month: string, fiscalYearStartMonth: number): number {
  const year = Number(month.slice(0, 4));
  return Number(month.slice(5, 7)) >= fiscalYearStartMonth ? year : year - 1;
}

export { makeDay };
