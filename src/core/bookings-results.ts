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

/** One person's facts; the shapes `periodResult` and `yearToDate` take (bookings only). */
export interface BookingsFacts {
  months: readonly Pick<MonthFact, 'month' | 'bookings'>[];
  goals: readonly GoalFact[];
}

export interface BookingsResults {
  /** The result of a period (planned in `periods` or not: the same figures, only slower). */
  of(period: Period): BookingsResult;
  yearToDate: BookingsResult;
}

/** A period as positions in one person's arrays of month bookings and of goals. */
interface PlannedPeriod {
  /** Every month of the period, for the actual. */
  all: readonly number[];
  /** Its own goal. */
  goal: number;
  /** The month goals that make a quarter's or year's when it has none (none for a month). */
  monthGoals: readonly number[];
}

/**
 * For many people over the same periods, what `periodResult` (actual, goal target) and
 * `yearToDate` (actual, goal) give for bookings, equal to them figure for figure. The work
 * that does not depend on the person (the months of each period, the prorated share of the
 * period in progress, where each month and goal goes) is done once here; each person's months
 * and goals are then put in two small arrays by position, without a key built per fact, so an
 * organization-wide ranking of thousands of reps stays linear and light.
 */
export function bookingsResults(
  options: BookingsResultsOptions,
): (facts: BookingsFacts) => BookingsResults {
  const { asOf, fiscalYearStartMonth, proration } = options;
  const monthSlots = new Map<string, number>();
  // Month goals by their period's first day; quarter and year goals by kind and first day.
  const monthGoalSlots = new Map<Day, number>();
  const otherGoalSlots = new Map<string, number>();
  let goalCount = 0;
  const slot = <K>(slots: Map<K, number>, key: K, next: () => number) => {
    const found = slots.get(key);
    if (found !== undefined) return found;
    const added = next();
    slots.set(key, added);
    return added;
  };
  const monthSlot = (month: string) => slot(monthSlots, month, () => monthSlots.size);
  const monthGoalSlot = (month: string) => slot(monthGoalSlots, `${month}-01`, () => goalCount++);
  const plan = (period: Period): PlannedPeriod => {
    const months = monthsOf(period);
    return {
      all: months.map(monthSlot),
      goal:
        period.kind === 'month'
          ? monthGoalSlot(monthOf(period.start))
          : slot(otherGoalSlots, `${period.kind} ${period.start}`, () => goalCount++),
      monthGoals: period.kind === 'month' ? [] : months.map(monthGoalSlot),
    };
  };
  const planned = new Map(options.periods.map((period) => [period, plan(period)]));
  const year = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth });
  const yearPlan = plan(year);
  const prorateYear = goalProrator({ period: year, asOf, proration });
  const elapsed = monthsOf(year)
    .filter((month) => month <= monthOf(asOf))
    .map((month) => {
      const period = periodContaining({ day: `${month}-01`, kind: 'month', fiscalYearStartMonth });
      return {
        month: monthSlot(month),
        goal: monthGoalSlot(month),
        prorate: goalProrator({ period, asOf, proration }),
      };
    });
  const elapsedMonths = elapsed.map((month) => month.month);

  return (facts) => {
    const bookings = new Array<number>(monthSlots.size).fill(0);
    for (const fact of facts.months) {
      const at = monthSlots.get(fact.month);
      if (at !== undefined) bookings[at] = fact.bookings;
    }
    // The goal of each period: agreed before proposed before rejected, else the first.
    const goals = new Array<GoalFact | undefined>(goalCount);
    for (const goal of facts.goals) {
      if (goal.metric !== 'bookings') continue;
      const at =
        goal.periodKind === 'month'
          ? monthGoalSlots.get(goal.periodStart)
          : otherGoalSlots.get(`${goal.periodKind} ${goal.periodStart}`);
      if (at === undefined) continue;
      const held = goals[at];
      if (!held || STATUS_PREFERENCE[goal.status] < STATUS_PREFERENCE[held.status])
        goals[at] = goal;
    }
    const sum = (months: readonly number[]) =>
      months.reduce((total, at) => total + (bookings[at] ?? 0), 0);
    // findGoal: a quarter or year without its own goal sums its months', only if all have one.
    const goalOf = (period: PlannedPeriod): number | null => {
      const direct = goals[period.goal];
      if (direct) return direct.target;
      if (period.monthGoals.length === 0) return null;
      let total = 0;
      for (const at of period.monthGoals) {
        const monthly = goals[at];
        if (!monthly) return null;
        total += monthly.target;
      }
      return total;
    };

    let ytdGoal: number | null = 0;
    for (const month of elapsed) {
      const monthly = goals[month.goal];
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
        const p = planned.get(period);
        if (p) return { actual: sum(p.all), goal: goalOf(p) };
        // Not planned: the same figures from a plan that includes it.
        return bookingsResults({ ...options, periods: [period] })(facts).of(period);
      },
      yearToDate: { actual: sum(elapsedMonths), goal: ytdGoal },
    };
  };
}
