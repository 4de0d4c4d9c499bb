import { unreachable } from '../shared/app-error.js';
import type { Period } from './agenda-schema.js';
import { addDays, addMonths, makeDay, monthOf } from './days.js';
import type { Day, PeriodKind } from './facts.js';

export type { Period };

/**
 * Fiscal periods. A fiscal year is NAMED by the calendar year in which it ENDS (the
 * Salesforce default): with a February start, FY2027 runs 2026-02-01 → 2027-01-31; with a
 * January start, FY2026 is calendar 2026.
 */

export interface PeriodContainingOptions {
  day: Day;
  kind: PeriodKind;
  /** 1–12; 1 = the fiscal year is the calendar year. */
  fiscalYearStartMonth: number;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The fiscal year (by its name) that contains a calendar month. */
export function fiscalYearOf(options: {
  year: number;
  month: number;
  fiscalYearStartMonth: number;
}) {
  const { year, month, fiscalYearStartMonth } = options;
  return fiscalYearStartMonth !== 1 && month >= fiscalYearStartMonth ? year + 1 : year;
}

function fiscalYearStart(fiscalYear: number, fiscalYearStartMonth: number): Day {
  return fiscalYearStartMonth === 1
    ? makeDay(fiscalYear, 1)
    : makeDay(fiscalYear - 1, fiscalYearStartMonth);
}

function monthPeriod(month: string): Period {
  const start = `${month}-01`;
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month;
  return {
    kind: 'month',
    key: month,
    label: `${name} ${month.slice(0, 4)}`,
    start,
    end: `${addMonths(month, 1)}-01`,
  };
}

function quarterPeriod(fiscalYear: number, quarter: number, fiscalYearStartMonth: number): Period {
  const start = `${addMonths(monthOf(fiscalYearStart(fiscalYear, fiscalYearStartMonth)), (quarter - 1) * 3)}-01`;
  return {
    kind: 'quarter',
    key: `FY${fiscalYear}-Q${quarter}`,
    label: `Q${quarter} FY${fiscalYear}`,
    start,
    end: `${addMonths(monthOf(start), 3)}-01`,
  };
}

function yearPeriod(fiscalYear: number, fiscalYearStartMonth: number): Period {
  const start = fiscalYearStart(fiscalYear, fiscalYearStartMonth);
  return {
    kind: 'year',
    key: `FY${fiscalYear}`,
    label: `FY${fiscalYear}`,
    start,
    end: `${addMonths(monthOf(start), 12)}-01`,
  };
}

/** The month, fiscal quarter or fiscal year that contains `day`. */
export function periodContaining(options: PeriodContainingOptions): Period {
  const { day, kind, fiscalYearStartMonth } = options;
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const fiscalYear = fiscalYearOf({ year, month, fiscalYearStartMonth });
  switch (kind) {
    case 'month':
      return monthPeriod(monthOf(day));
    case 'quarter': {
      const monthInFiscalYear = (month - fiscalYearStartMonth + 12) % 12;
      return quarterPeriod(fiscalYear, Math.floor(monthInFiscalYear / 3) + 1, fiscalYearStartMonth);
    }
    case 'year':
      return yearPeriod(fiscalYear, fiscalYearStartMonth);
    default:
      return unreachable(kind);
  }
}

/** The period of the same kind that ends where `period` starts. */
export function previousPeriod(period: Period, fiscalYearStartMonth: number): Period {
  return periodContaining({
    day: addDays(period.start, -1),
    kind: period.kind,
    fiscalYearStartMonth,
  });
}

/** The period of the same kind that starts where `period` ends. */
export function nextPeriod(period: Period, fiscalYearStartMonth: number): Period {
  return periodContaining({ day: period.end, kind: period.kind, fiscalYearStartMonth });
}

/** The `count` periods ending with `period` (included), oldest first. */
export function lastPeriods(options: {
  period: Period;
  count: number;
  fiscalYearStartMonth: number;
}) {
  const { period, count, fiscalYearStartMonth } = options;
  const periods: Period[] = [];
  let current = period;
  for (let i = 0; i < count; i += 1) {
    periods.unshift(current);
    current = previousPeriod(current, fiscalYearStartMonth);
  }
  return periods;
}

/** The `YYYY-MM` keys of the months a period spans, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let month = monthOf(period.start); `${month}-01` < period.end; month = addMonths(month, 1)) {
    months.push(month);
  }
  return months;
}

/**
 * Parses `YYYY-MM` (month), `YYYY-Qn` / `FYYYYY-Qn` (fiscal quarter n of fiscal year YYYY)
 * and `YYYY` / `FYYYYY` (fiscal year YYYY). Returns null for anything else.
 */
export function parsePeriodKey(key: string, fiscalYearStartMonth: number): Period | null {
  const trimmed = key.trim().toUpperCase();
  const month = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (month) {
    const monthNumber = Number(month[2]);
    return monthNumber >= 1 && monthNumber <= 12 ? monthPeriod(trimmed) : null;
  }
  const quarter = /^(?:FY)?(\d{4})-Q([1-4])$/.exec(trimmed);
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]), fiscalYearStartMonth);
  const year = /^(?:FY)?(\d{4})$/.exec(trimmed);
  if (year) return yearPeriod(Number(year[1]), fiscalYearStartMonth);
  return null;
}
