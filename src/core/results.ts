import { unreachable } from '../shared/app-error.js';
import type { PeriodResult, Results, TrendPoint, YearToDate } from './agenda-schema.js';
import { attainmentOf } from './attainment.js';
import { monthOf } from './days.js';
import type { Day, GoalFact, MonthFact, PeriodKind, TeamFacts } from './facts.js';
import { combineStatuses, findGoal } from './goals.js';
import { lastPeriods, monthsOf, type Period, periodContaining, previousPeriod } from './periods.js';
import { elapsedFraction, prorateGoal } from './proration.js';
import { rankOf } from './ranking.js';
import type { Proration } from './settings.js';

/** The monthly figures a result can be computed for, with the goal metric that matches. */
export type MonthMetric = 'bookings' | 'pipeline_value' | 'pipeline_count';

function monthValue(fact: MonthFact | undefined, metric: MonthMetric): number {
  if (!fact) return 0;
  switch (metric) {
    case 'bookings':
      return fact.bookings;
    case 'pipeline_value':
      return fact.createdValue;
    case 'pipeline_count':
      return fact.createdCount;
    default:
      return unreachable(metric);
  }
}

export interface PeriodResultOptions {
  months: readonly MonthFact[];
  goals: readonly GoalFact[];
  period: Period;
  asOf: Day;
  proration: Proration;
  metric?: MonthMetric;
}

/** Sum of a monthly figure over a period's months; months without a fact count as zero. */
export function sumMonths(options: {
  months: readonly MonthFact[];
  monthKeys: readonly string[];
  metric: MonthMetric;
}): number {
  const byMonth = new Map(options.months.map((fact) => [fact.month, fact]));
  return options.monthKeys.reduce(
    (sum, key) => sum + monthValue(byMonth.get(key), options.metric),
    0,
  );
}

/**
 * Actual against goal for one period. For a period in progress the goal is also prorated to
 * the share of the period elapsed (see `elapsedFraction`), and pace = actual ÷ prorated goal.
 */
export function periodResult(options: PeriodResultOptions): PeriodResult {
  const { period, asOf, metric = 'bookings' } = options;
  const actual = sumMonths({ months: options.months, monthKeys: monthsOf(period), metric });
  const goal = findGoal({ goals: options.goals, metric, period });
  const elapsed = elapsedFraction({ period, asOf, proration: options.proration });
  const inProgress = period.start <= asOf && asOf < period.end;
  const proratedGoal =
    inProgress && goal
      ? prorateGoal({ target: goal.target, period, asOf, proration: options.proration })
      : null;
  return {
    period,
    actual,
    goal,
    goalStatus: goal?.status ?? 'missing',
    attainment: attainmentOf(actual, goal?.target),
    inProgress,
    elapsed,
    proratedGoal,
    pace: attainmentOf(actual, proratedGoal),
  };
}

export interface YearToDateOptions {
  months: readonly MonthFact[];
  goals: readonly GoalFact[];
  asOf: Day;
  fiscalYearStartMonth: number;
  proration: Proration;
}

/**
 * Fiscal year to date through `asOf`. The goal is the monthly bookings goals of the
 * complete months plus the current month's goal prorated; when a month has no goal, the
 * fiscal-year goal prorated to the share of the year elapsed; else null. Whole minor units,
 * rounded once by `prorateGoal`.
 */
export function yearToDate(options: YearToDateOptions): YearToDate {
  const { asOf, fiscalYearStartMonth, proration, goals } = options;
  const year = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth });
  const elapsedMonths = monthsOf(year).filter((month) => month <= monthOf(asOf));
  const actual = sumMonths({
    months: options.months,
    monthKeys: elapsedMonths,
    metric: 'bookings',
  });
  let goal: number | null = 0;
  const statuses: GoalFact['status'][] = [];
  for (const month of elapsedMonths) {
    const period = periodContaining({ day: `${month}-01`, kind: 'month', fiscalYearStartMonth });
    const monthly = findGoal({ goals, metric: 'bookings', period });
    if (!monthly) {
      goal = null;
      break;
    }
    statuses.push(monthly.status);
    // Complete months count whole; only the month of `asOf` is prorated, so one rounding.
    goal += prorateGoal({ target: monthly.target, period, asOf, proration });
  }
  if (goal === null) {
    const yearly = findGoal({ goals, metric: 'bookings', period: year });
    statuses.splice(0, statuses.length, ...(yearly ? [yearly.status] : []));
    goal = yearly ? prorateGoal({ target: yearly.target, period: year, asOf, proration }) : null;
  }
  return {
    period: year,
    through: asOf,
    actual,
    goal,
    goalStatus: goal === null ? 'missing' : combineStatuses(statuses),
    attainment: attainmentOf(actual, goal),
  };
}

/** Actual, goal and attainment of the `count` periods ending with `period`, oldest first. */
export function trend(options: {
  months: readonly MonthFact[];
  goals: readonly GoalFact[];
  period: Period;
  fiscalYearStartMonth: number;
  count?: number;
}): TrendPoint[] {
  const periods = lastPeriods({
    period: options.period,
    count: options.count ?? 12,
    fiscalYearStartMonth: options.fiscalYearStartMonth,
  });
  return periods.map((period) => {
    const actual = sumMonths({
      months: options.months,
      monthKeys: monthsOf(period),
      metric: 'bookings',
    });
    const goal = findGoal({ goals: options.goals, metric: 'bookings', period })?.target ?? null;
    return {
      periodKey: period.key,
      label: period.label,
      actual,
      goal,
      attainment: attainmentOf(actual, goal),
    };
  });
}

export interface RepResultsOptions {
  months: readonly MonthFact[];
  goals: readonly GoalFact[];
  team: TeamFacts | null;
  personId: string;
  asOf: Day;
  kind: PeriodKind;
  fiscalYearStartMonth: number;
  proration: Proration;
}

/**
 * The results section of a 1:1. The period under review is the last COMPLETE period before
 * `asOf` (a monthly 1:1 on 2026-11-03 reviews October 2026, and so does one on 2026-11-30);
 * the period containing `asOf` is shown beside it as in progress, with pace.
 */
export function repResults(options: RepResultsOptions): Results {
  const { asOf, kind, fiscalYearStartMonth, proration, months, goals } = options;
  const current = periodContaining({ day: asOf, kind, fiscalYearStartMonth });
  const review = previousPeriod(current, fiscalYearStartMonth);
  const result = (period: Period, metric: MonthMetric) =>
    periodResult({ months, goals, period, asOf, proration, metric });
  return {
    review: result(review, 'bookings'),
    current: result(current, 'bookings'),
    yearToDate: yearToDate({ months, goals, asOf, fiscalYearStartMonth, proration }),
    trend: trend({ months, goals, period: review, fiscalYearStartMonth }),
    ranking: rankOf({
      current: options.team?.current ?? [],
      previous: options.team?.previous ?? [],
      personId: options.personId,
    }),
    created: {
      review: { value: result(review, 'pipeline_value'), count: result(review, 'pipeline_count') },
      current: {
        value: result(current, 'pipeline_value'),
        count: result(current, 'pipeline_count'),
      },
    },
  };
}
