import { type ParseResult, parsed, rejected } from './parse-result.js';

/** How the user's locale orders day, month and year in numeric dates like 03/04/2024. */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export interface WallTime {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** A calendar date with an optional wall time and, when the text had one, its UTC offset. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  time: WallTime | null;
  /** Minutes east of UTC; null when the text is a local (org time zone) time. */
  offsetMinutes: number | null;
}

// ISO 8601 and Salesforce API: 2024-01-22, 2024-01-22T16:14:25.000+0000, … 16:14Z
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
// Spreadsheet and report dates: 1/22/24, 22.01.2024, 2024/01/22, optionally "08:55 PM".
const NUMERIC =
  /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;
// Excel stores dates as days since 1899-12-30 (see excelSerialToParts), time as a fraction.
const SERIAL = /^(\d{1,7})(?:\.(\d+))?$/;

/** The last serial Excel can show: 9999-12-31. */
const MAX_EXCEL_SERIAL = 2_958_465;
const DAY_MS = 86_400_000;

/**
 * Reads the date formats CRM exports and spreadsheets produce into their parts, checking
 * that the day exists. Unambiguous forms (ISO, year first) are read whatever `order`.
 */
export function parseDateParts(
  text: string,
  order: DateOrder,
  excelSerials: boolean,
): ParseResult<DateParts> {
  const value = text.trim();
  if (value === '') return rejected('is empty');
  const iso = ISO.exec(value);
  if (iso !== null) return isoToParts(iso);
  const numeric = NUMERIC.exec(value);
  if (numeric !== null) return numericToParts(numeric, order);
  const serial = SERIAL.exec(value);
  if (serial !== null && excelSerials) return excelSerialToParts(serial[1] ?? '', serial[2] ?? '');
  return rejected(`"${value}" is not a date`);
}

function isoToParts(match: RegExpExecArray): ParseResult<DateParts> {
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const time =
    hour === undefined
      ? null
      : toTime(hour, minute ?? '0', second ?? '0', (fraction ?? '').padEnd(3, '0').slice(0, 3));
  if (time !== null && !time.ok) return time;
  const offsetMinutes = offset === undefined ? null : parseOffset(offset);
  if (offsetMinutes !== null && !offsetMinutes.ok) return offsetMinutes;
  return checkDay({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    time: time === null ? null : time.value,
    offsetMinutes: offsetMinutes === null ? null : offsetMinutes.value,
  });
}

function numericToParts(match: RegExpExecArray, order: DateOrder): ParseResult<DateParts> {
  const [, first = '', second = '', third = '', hour, minute, sec, meridiem] = match;
  let parts: [string, string, string];
  if (first.length === 4) parts = [first, second, third];
  else if (order === 'mdy') parts = [third, first, second];
  else if (order === 'dmy') parts = [third, second, first];
  else return rejected(`"${match[0]}" does not start with a year, as the date order ymd expects`);
  const [year, month, day] = parts;
  if (year.length !== 2 && year.length !== 4) return rejected(`"${match[0]}" has no valid year`);
  let time: ParseResult<WallTime> | null = null;
  if (hour !== undefined) {
    const hour24 = meridiem === undefined ? hour : to24Hour(Number(hour), meridiem);
    if (hour24 === null) return rejected(`"${match[0]}" has an hour that is not 1–12 ${meridiem}`);
    time = toTime(String(hour24), minute ?? '0', sec ?? '0', '0');
    if (!time.ok) return time;
  }
  return checkDay({
    year: year.length === 2 ? pivotYear(Number(year)) : Number(year),
    month: Number(month),
    day: Number(day),
    time: time === null ? null : time.value,
    offsetMinutes: null,
  });
}

/**
 * Two-digit years pivot like Excel's default: 00–69 are 2000–2069, 70–99 are 1970–1999.
 * CRM data is recent, and Salesforce report exports use M/D/YY.
 */
export function pivotYear(twoDigits: number): number {
  return twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits;
}

/**
 * Excel's 1900 date system counts 1900-01-01 as serial 1 and, copying a Lotus 1-2-3 bug,
 * has a 1900-02-29 that never existed as serial 60. From 61 on, serial n is n days after
 * 1899-12-30; below 60 it is one day later than that formula. Serial 60 is rejected.
 */
function excelSerialToParts(whole: string, fraction: string): ParseResult<DateParts> {
  const serial = Number(whole);
  if (serial === 60) return rejected('Excel serial 60 is 1900-02-29, a day that does not exist');
  if (serial < 1 || serial > MAX_EXCEL_SERIAL) {
    return rejected(`"${whole}" is neither a date nor an Excel date serial`);
  }
  const days = serial < 60 ? serial + 1 : serial;
  const date = new Date(Date.UTC(1899, 11, 30) + days * DAY_MS);
  // The fraction is a share of 24 hours stored in floating point: round to the second.
  const seconds = fraction === '' ? 0 : Math.round(Number(`0.${fraction}`) * 86_400);
  const time =
    fraction === ''
      ? null
      : {
          hour: Math.floor(seconds / 3600) % 24,
          minute: Math.floor(seconds / 60) % 60,
          second: seconds % 60,
          millisecond: 0,
        };
  if (seconds >= 86_400) date.setUTCDate(date.getUTCDate() + 1);
  return parsed({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    time,
    offsetMinutes: null,
  });
}

function to24Hour(hour: number, meridiem: string): number | null {
  if (hour < 1 || hour > 12) return null;
  const pm = meridiem.toUpperCase() === 'PM';
  return (hour % 12) + (pm ? 12 : 0);
}

function toTime(
  hour: string,
  minute: string,
  second: string,
  millisecond: string,
): ParseResult<WallTime> {
  const time = {
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(millisecond),
  };
  if (time.hour > 23 || time.minute > 59 || time.second > 59) {
    return rejected(`${hour}:${minute}:${second} is not a time of day`);
  }
  return parsed(time);
}

function parseOffset(offset: string): ParseResult<number> {
  if (offset.toUpperCase() === 'Z') return parsed(0);
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return rejected(`${offset} is not a UTC offset`);
  return parsed((offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes));
}

/** Rejects days that do not exist (2/30/2024) and years outside 1900–9999. */
function checkDay(parts: DateParts): ParseResult<DateParts> {
  const { year, month, day } = parts;
  const label = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (year < 1900 || year > 9999) return rejected(`the year ${year} is out of range (1900–9999)`);
  if (month < 1 || month > 12) return rejected(`${label} has no month ${month}`);
  if (day < 1 || day > daysInMonth(year, month)) return rejected(`${label} does not exist`);
  return parsed(parts);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
