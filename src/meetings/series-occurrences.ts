import { TZDate } from '@date-fns/tz';
import { cadenceIntervalDays, cadenceWeeks } from '../core/cadence.js';
import type { Cadence } from '../core/cadence-schema.js';
import { addDays, dayInZone, daysBetween, dayToUtcMs } from '../core/days.js';
import type { Day } from '../core/facts.js';

/**
 * When the 1:1s of a series fall. Every cadence is a whole number of weeks on one weekday
 * (`cadenceWeeks`): exactly what the iCalendar rule `FREQ=WEEKLY;INTERVAL=n;BYDAY=<weekday>`
 * describes, so the meetings Rudder schedules and the calendar's recurrence can never
 * disagree.
 */
export interface SeriesSlot {
  cadence: Cadence;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM` or `HH:MM:SS`, wall-clock time in `timeZone`. */
  timeOfDay: string;
  /** IANA zone of the manager: the wall-clock time stays put across DST changes. */
  timeZone: string;
  /** The rule applies from this day (the first occurrence is on or after it). */
  startsOn: Day;
}

/** ISO weekday (1 = Monday) of a day. */
export function isoWeekdayOf(day: Day): number {
  const sunday0 = new Date(dayToUtcMs(day)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** The first occurrence: the first day on or after `startsOn` that is the series' weekday. */
export function firstOccurrenceDay(slot: Pick<SeriesSlot, 'weekday' | 'startsOn'>): Day {
  const shift = (slot.weekday - isoWeekdayOf(slot.startsOn) + 7) % 7;
  return addDays(slot.startsOn, shift);
}

/** True when `day` is one of the series' occurrence days. */
export function isOccurrenceDay(slot: SeriesSlot, day: Day): boolean {
  const offset = daysBetween(firstOccurrenceDay(slot), day);
  return offset >= 0 && offset % cadenceIntervalDays(slot.cadence) === 0;
}

/** The UTC instant of a wall-clock time on a day in a zone (DST applied by the zone's rules). */
export function wallClockInstant(day: Day, timeOfDay: string, timeZone: string): Date {
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const [hours, minutes] = timeOfDay.split(':').map(Number);
  const local = new TZDate(
    year ?? 1970,
    (month ?? 1) - 1,
    dayOfMonth ?? 1,
    hours ?? 0,
    minutes ?? 0,
    timeZone,
  );
  return new Date(local.getTime());
}

/** The instant of the occurrence on `day` (which should be an occurrence day). */
export function occurrenceAt(slot: SeriesSlot, day: Day): Date {
  return wallClockInstant(day, slot.timeOfDay, slot.timeZone);
}

/** The first occurrence strictly after `after`: the next 1:1 to put in the calendar. */
export function nextOccurrence(slot: SeriesSlot, after: Date): { day: Day; at: Date } {
  const first = firstOccurrenceDay(slot);
  const step = cadenceIntervalDays(slot.cadence);
  const today = dayInZone(after, slot.timeZone);
  const elapsed = daysBetween(first, today);
  let day = elapsed <= 0 ? first : addDays(first, Math.floor(elapsed / step) * step);
  let at = occurrenceAt(slot, day);
  while (at.getTime() <= after.getTime()) {
    day = addDays(day, step);
    at = occurrenceAt(slot, day);
  }
  return { day, at };
}

/** `count` occurrence days from the first one on or after `from`. */
export function occurrenceDays(slot: SeriesSlot, options: { from: Day; count: number }): Day[] {
  const first = firstOccurrenceDay(slot);
  const step = cadenceIntervalDays(slot.cadence);
  const elapsed = daysBetween(first, options.from);
  let day = elapsed <= 0 ? first : addDays(first, Math.ceil(elapsed / step) * step);
  const days: Day[] = [];
  for (let i = 0; i < options.count; i += 1) {
    days.push(day);
    day = addDays(day, step);
  }
  return days;
}

const BYDAY = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * The RFC 5545 recurrence rule of the series, to pair with a DTSTART on
 * `firstOccurrenceDay` at `timeOfDay` in `timeZone`. With one BYDAY equal to the weekday of
 * DTSTART, WEEKLY;INTERVAL=n yields exactly DTSTART + k·n weeks: the same days as above.
 */
export function seriesRRule(slot: Pick<SeriesSlot, 'cadence' | 'weekday'>): string {
  const byDay = BYDAY[slot.weekday - 1];
  if (!byDay) throw new Error(`not an ISO weekday: ${slot.weekday}`);
  return `FREQ=WEEKLY;INTERVAL=${cadenceWeeks(slot.cadence)};BYDAY=${byDay}`;
}
