import { periodContaining } from '../core/periods.js';
import { periodKinds } from '../db/schema/pipeline.js';
import { minorUnitsOf } from '../import/money.js';

/**
 * An amount stored in integer minor units, written in the currency's unit with exactly its
 * number of decimals, as the importers read it back: in USD `-123456` is `-1234.56`, in JPY
 * (no minor unit) `1234567` stays `1234567`, in KWD (three) `1234` is `1.234`. The digits
 * move as text, so no amount goes through floating point.
 */
export function amountCell(minorUnits: string, currency: string): string {
  const digits = minorUnitsOf(currency);
  if (digits === 0) return minorUnits;
  const negative = minorUnits.startsWith('-');
  const padded = (negative ? minorUnits.slice(1) : minorUnits).padStart(digits + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * A goal's period as the goal import reads it: `2025-03` for a month, `FY2026-Q1` and
 * `FY2026` for a fiscal quarter and year of the organization's fiscal calendar.
 */
export function periodCell(kind: string, start: string, fiscalYearStartMonth: number): string {
  const periodKind = periodKinds.find((candidate) => candidate === kind);
  // The table's check allows no other kind; the day is still better than nothing.
  if (periodKind === undefined) return start;
  return periodContaining({ day: start, kind: periodKind, fiscalYearStartMonth }).key;
}
