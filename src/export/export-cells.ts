import { periodContaining } from '../core/periods.js';
import { periodKinds } from '../db/schema/pipeline.js';

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
