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

/** The elapsed part of a period as a ratio of whole days: `elapsed` of `total`. */
interface ElapsedShare {
  elapsed: number;
  total: number;
}

/**
 * The share of a period elapsed as of a day, in whole days. The as-of day itself counts as
 * elapsed (the agenda is prepared with that day's numbers, and a goal prorated to zero on
 * the first day of a month would make any sale an infinite pace). A period not started yet
 * is 0 of 1, a finished one 1 of 1. Business days are Monday–Friday; a weekend as-of day
 * counts as much as the Friday before it.
 */
function elapsedShare(options: ElapsedFractionOptions): ElapsedShare {
  const { period, asOf, proration } = options;
  if (asOf < period.start) return { elapsed: 0, total: 1 };
  const elapsedEnd = addDays(asOf, 1);
  if (elapsedEnd >= period.end) return { elapsed: 1, total: 1 };
  const calendarDays = {
    elapsed: daysBetween(period.start, elapsedEnd),
    total: daysBetween(period.start, period.end),
  };
  switch (proration) {
    case 'calendar-days':
      return calendarDays;
    case 'business-days': {
      const total = countBusinessDays(period.start, period.end);
      // Every month has business days; the guard keeps a degenerate period meaningful.
      if (total === 0) return calendarDays;
      return { elapsed: countBusinessDays(period.start, elapsedEnd), total };
    }
    default:
      return unreachable(proration);
  }
}

/** The share of a period elapsed as of a day, 0–1 (see `elapsedShare` for the rules). */
export function elapsedFraction(options: ElapsedFractionOptions): number {
  const share = elapsedShare(options);
  return share.elapsed / share.total;
}

/** ⌊a ÷ b⌋ for integers, b > 0, exact (no floating-point division). */
function floorDivide(a: number, b: number): number {
  const remainder = a % b;
  return (a - remainder) / b - (remainder < 0 ? 1 : 0);
}

export interface ProrateGoalOptions extends ElapsedFractionOptions {
  /** The whole goal of the period, in integer minor units (or a whole count). */
  target: number;
}

/**
 * A goal prorated to the share of its period elapsed as of a day (see `elapsedFraction`),
 * in whole minor units. THE one place a prorated goal is rounded, once: half up (an exact
 * half of a minor unit goes up: 0.5 cent → 1 cent), computed exactly in integers as
 * ⌊(2 · target · elapsed + total) ÷ (2 · total)⌋. Pace, the year-to-date goal and every
 * export take this value, so the screen, the JSON API and the CSV all show the same cents.
 * Exact while 2 · target · elapsed stays below 2^53 (targets up to about $120 billion).
 */
export function prorateGoal(options: ProrateGoalOptions): number {
  const { elapsed, total } = elapsedShare(options);
  return floorDivide(2 * options.target * elapsed + total, 2 * total);
}

/**
 * `prorateGoal` for many targets over the same period and day: the elapsed share (a loop over
 * the period's days for business days) is worked out once, so an organization-wide ranking
 * does not count the same business days for each of its thousands of reps.
 */
export function goalProrator(options: ElapsedFractionOptions): (target: number) => number {
  const { elapsed, total } = elapsedShare(options);
  return (target) => floorDivide(2 * target * elapsed + total, 2 * total);
}
