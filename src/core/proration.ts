import { unreachable } from '../shared/app-error.js';
import { addDays, countBusinessDays, daysBetween } from './days.js';
import type { Day } from './facts.js';
import type { Period } from './periods.js';
import type { Proration } from './settings.js';

export interface ElapsedFractionOptions {
  period: Period;
  asOf: Day;
  proration: Proration;
}

/**
 * The share of a period elapsed as of a day, 0–1. The as-of day itself counts as elapsed
 * (the agenda is prepared with that day's numbers, and a goal prorated to zero on the first
 * day of a month would make any sale an infinite pace). A period not started yet is 0, a
 * finished one is 1. Business days are Monday–Friday; a weekend as-of day counts as much
 * as the Friday before it.
 */
export function elapsedFraction(options: ElapsedFractionOptions): number {
  const { period, asOf, proration } = options;
  if (asOf < period.start) return 0;
  const elapsedEnd = addDays(asOf, 1);
  if (elapsedEnd >= period.end) return 1;
  switch (proration) {
    case 'calendar-days':
      return daysBetween(period.start, elapsedEnd) / daysBetween(period.start, period.end);
    case 'business-days': {
      const total = countBusinessDays(period.start, period.end);
      // Every month has business days; the guard keeps a degenerate period meaningful.
      if (total === 0) {
        return daysBetween(period.start, elapsedEnd) / daysBetween(period.start, period.end);
      }
      return countBusinessDays(period.start, elapsedEnd) / total;
    }
    default:
      return unreachable(proration);
  }
}
