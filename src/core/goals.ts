import type { GoalView } from './agenda-schema.js';
import type { GoalFact, GoalMetric, GoalStatus } from './facts.js';
import { monthsOf, type Period, periodContaining } from './periods.js';

export interface FindGoalOptions {
  goals: readonly GoalFact[];
  metric: GoalMetric;
  period: Period;
  /** Only for metric `activity`. */
  activityKind?: string | null;
}

// When a period has several goals (a rejected proposal and a new one), the one the two
// sides agreed on wins, then the open proposal, then the rejected one.
export const STATUS_PREFERENCE: Record<GoalStatus, number> = {
  agreed: 0,
  proposed: 1,
  rejected: 2,
};

function directGoal(options: FindGoalOptions): GoalView | null {
  const { goals, metric, period, activityKind = null } = options;
  const matches = goals
    .filter(
      (goal) =>
        goal.metric === metric &&
        goal.periodKind === period.kind &&
        goal.periodStart === period.start &&
        (metric !== 'activity' || goal.activityKind === activityKind),
    )
    .sort((a, b) => STATUS_PREFERENCE[a.status] - STATUS_PREFERENCE[b.status]);
  const best = matches[0];
  return best ? { target: best.target, status: best.status, derived: false } : null;
}

/** Agreed only when every part is agreed; a rejected part makes the whole rejected. */
export function combineStatuses(statuses: readonly GoalStatus[]): GoalStatus {
  if (statuses.every((status) => status === 'agreed')) return 'agreed';
  return statuses.includes('rejected') ? 'rejected' : 'proposed';
}

/**
 * The goal of a period. A quarter or year without its own goal gets the sum of its monthly
 * goals, but only when every month has one: a partial sum would understate the goal.
 */
export function findGoal(options: FindGoalOptions): GoalView | null {
  const direct = directGoal(options);
  if (direct || options.period.kind === 'month') return direct;
  const monthly: GoalView[] = [];
  for (const month of monthsOf(options.period)) {
    const goal = directGoal({
      ...options,
      period: periodContaining({ day: `${month}-01`, kind: 'month', fiscalYearStartMonth: 1 }),
    });
    if (!goal) return null;
    monthly.push(goal);
  }
  return {
    target: monthly.reduce((sum, goal) => sum + goal.target, 0),
    status: combineStatuses(monthly.map((goal) => goal.status)),
    derived: true,
  };
}

export interface MonthlyPlanGoalOptions {
  goals: readonly GoalFact[];
  month: string;
  fiscalYearStartMonth: number;
}

/**
 * The bookings goal of one month for planning (coverage): the monthly goal, else an even
 * share of the quarter (÷3) or fiscal-year (÷12) goal. Rejected goals are ignored; proposed
 * ones count, because coverage looks ahead at goals that may not be agreed yet.
 */
export function monthlyPlanGoal(options: MonthlyPlanGoalOptions): number | null {
  const { month, fiscalYearStartMonth } = options;
  const goals = options.goals.filter((goal) => goal.status !== 'rejected');
  const day = `${month}-01`;
  for (const [kind, share] of [
    ['month', 1],
    ['quarter', 3],
    ['year', 12],
  ] as const) {
    const period = periodContaining({ day, kind, fiscalYearStartMonth });
    const goal = directGoal({ goals, metric: 'bookings', period });
    if (goal) return goal.target / share;
  }
  return null;
}
