import { monthOf } from './days.js';
import type { Day, GoalFact, MonthFact } from './facts.js';
import { STATUS_PREFERENCE } from './goals.js';
import { monthsOf, type Period, periodContaining } from './periods.js';
import { goalProrator } from './proration.js';
import type { Proration } from './settings.js';

/** Bookings and the bookings goal's target (null: no goal) of one period. */
export interface BookingsResult {
  actual: number;
  goal: number | null;
}

export interface BookingsResultsOptions {
  /** The periods asked for, whose months are listed once for everyone. */
  periods: readonly Period[];
  asOf: Day;
  fiscalYearStartMonth: number;
  proration: Proration;
}

/** One person's facts; the same shapes `periodResult` and `yearToDate` take. */
export interface BookingsFacts {
  months: readonly MonthFact[];
  goals: readonly GoalFact[];
}

export interface BookingsResults {
  /** The result of a period (planned in `periods` or not: the same figures, only slower). */
  of(period: Period): BookingsResult;
  yearToDate: BookingsResult;
}

interface PlannedPeriod {
  key: string;
  /** Every month of the period, for the actual. */
  all: readonly string[];
  /** The months whose goals make a quarter's or year's when it has none (none for a month). */
  months: readonly string[];
}

const goalKey = (kind: Period['kind'], start: Day) => `${kind} ${start}`;

/**
 * For many people over the same periods, what `periodResult` (actual, goal target) and
 * `yearToDate` (actual, goal) give for bookings, equal to them figure for figure. The calendar
 * work that does not depend on the person (the months of each period, the prorated share of the
 * period in progress) is done once here, and each person's months and goals are indexed once,
 * so an organization-wide ranking of thousands of reps stays linear and light.
 */
export function bookingsResults(
  options: BookingsResultsOptions,
): (facts: BookingsFacts) => BookingsResults {
  const { asOf, fiscalYearStartMonth, proration } = options;
  const plan = (period: Period): PlannedPeriod => {
    const all = monthsOf(period);
    return {
      key: goalKey(period.kind, period.start),
      all,
      months: period.kind === 'month' ? [] : all,
    };
  };
  const planned = new Map(
    options.periods.map((period) => [goalKey(period.kind, period.start), plan(period)]),
  );
  const year = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth });
  const yearPlan = plan(year);
  const prorateYear = goalProrator({ period: year, asOf, proration });
  const elapsed = monthsOf(year)
    .filter((month) => month <= monthOf(asOf))
    .map((month) => {
      const period = periodContaining({ day: `${month}-01`, kind: 'month', fiscalYearStartMonth });
      return {
        month,
        key: goalKey('month', period.start),
        prorate: goalProrator({ period, asOf, proration }),
      };
    });
  const elapsedMonths = elapsed.map((month) => month.month);

  return (facts) => {
    const bookings = new Map<string, number>();
    for (const fact of facts.months) bookings.set(fact.month, fact.bookings);
    // The goal of each (kind, start): agreed before proposed before rejected, else the first.
    const best = new Map<string, GoalFact>();
    for (const goal of facts.goals) {
      if (goal.metric !== 'bookings') continue;
      const key = goalKey(goal.periodKind, goal.periodStart);
      const held = best.get(key);
      if (!held || STATUS_PREFERENCE[goal.status] < STATUS_PREFERENCE[held.status])
        best.set(key, goal);
    }
    const sum = (months: readonly string[]) =>
      months.reduce((total, month) => total + (bookings.get(month) ?? 0), 0);
    // findGoal: a quarter or year without its own goal sums its months', only if all have one.
    const goalOf = (period: PlannedPeriod): number | null => {
      const direct = best.get(period.key);
      if (direct) return direct.target;
      let total = 0;
      if (period.months.length === 0) return null;
      for (const month of period.months) {
        const monthly = best.get(goalKey('month', `${month}-01`));
        if (!monthly) return null;
        total += monthly.target;
      }
      return total;
    };

    let ytdGoal: number | null = 0;
    for (const month of elapsed) {
      const monthly = best.get(month.key);
      if (!monthly) {
        ytdGoal = null;
        break;
      }
      ytdGoal += month.prorate(monthly.target);
    }
    if (ytdGoal === null) {
      const yearly = goalOf(yearPlan);
      ytdGoal = yearly === null ? null : prorateYear(yearly);
    }
    return {
      of: (period) => {
        const p = planned.get(goalKey(period.kind, period.start)) ?? plan(period);
        return { actual: sum(p.all), goal: goalOf(p) };
      },
      yearToDate: { actual: sum(elapsedMonths), goal: ytdGoal },
    };
  };
}
