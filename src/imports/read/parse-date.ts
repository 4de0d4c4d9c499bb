import { TZDate } from '@date-fns/tz';
import type { Day, Instant } from '../../core/facts.js';
import { AppError } from '../../shared/app-error.js';
import { type DateOrder, type DateParts, parseDateParts } from './date-parts.js';
import { type ParseResult, parsed } from './parse-result.js';

export type { DateOrder } from './date-parts.js';

export interface DateOptions {
  /** IANA time zone of the organization, e.g. `Europe/Paris`: local times are read in it. */
  timeZone: string;
  /** Order of numeric dates such as 03/04/2024 (default `mdy`, as US CRM exports). */
  dateOrder?: DateOrder;
  /** Read bare numbers as Excel date serials, e.g. 45000 = 2023-03-15 (default true). */
  excelSerials?: boolean;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Reads a date column into a Day (`YYYY-MM-DD`) of the organization's calendar. A value
 * with a UTC offset (Salesforce API: `2024-01-22T16:14:25.000+0000`) is an instant and
 * becomes the day it falls on in `timeZone`; a local date or date-time keeps its date.
 */
export function parseDay(value: string, options: DateOptions): ParseResult<Day> {
  const parts = readParts(value, options);
  if (!parts.ok) return parts;
  const { year, month, day, offsetMinutes } = parts.value;
  if (offsetMinutes === null) return parsed(formatDay(year, month, day));
  return parsed(dayInZone(new Date(toUtcMs(parts.value)), options.timeZone));
}

/**
 * Reads a date-time column (CreatedDate, the time of a stage change) into an ISO UTC
 * instant. Values without an offset are wall times in `timeZone`; a date alone is
 * taken at 00:00 there.
 */
export function parseInstant(value: string, options: DateOptions): ParseResult<Instant> {
  const parts = readParts(value, options);
  if (!parts.ok) return parts;
  if (parts.value.offsetMinutes !== null) {
    return parsed(new Date(toUtcMs(parts.value)).toISOString());
  }
  const { year, month, day, time } = parts.value;
  const local = new TZDate(
    year,
    month - 1,
    day,
    time?.hour ?? 0,
    time?.minute ?? 0,
    time?.second ?? 0,
    time?.millisecond ?? 0,
    options.timeZone,
  );
  return parsed(new Date(local.getTime()).toISOString());
}

function readParts(value: string, options: DateOptions): ParseResult<DateParts> {
  dayFormat(options.timeZone);
  return parseDateParts(value, options.dateOrder ?? 'mdy', options.excelSerials ?? true);
}

/** The UTC milliseconds of parts that carry an offset. */
function toUtcMs({ year, month, day, time, offsetMinutes }: DateParts): number {
  const wall = Date.UTC(
    year,
    month - 1,
    day,
    time?.hour ?? 0,
    time?.minute ?? 0,
    time?.second ?? 0,
    time?.millisecond ?? 0,
  );
  return wall - (offsetMinutes ?? 0) * 60_000;
}

function formatDay(year: number, month: number, day: number): Day {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function dayInZone(instant: Date, timeZone: string): Day {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((candidate) => candidate.type === type)?.value);
  return formatDay(part('year'), part('month'), part('day'));
}

/**
 * An unknown zone is the caller's configuration error, not a bad cell: it throws
 * rather than being reported on every row.
 */
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  const cached = dayFormats.get(timeZone);
  if (cached !== undefined) return cached;
  try {
    const options = { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' } as const;
    const format = new Intl.DateTimeFormat('en-US', options);
    dayFormats.set(timeZone, format);
    return format;
  } catch (error: unknown) {
    throw new AppError('CONFIG_INVALID', `Unknown time zone "${timeZone}".`, { cause: error });
  }
}
