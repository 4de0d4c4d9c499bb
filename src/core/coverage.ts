import { addMonths, monthOf } from './days.js';
import type { ClosedFact, Day, GoalFact, MonthFact, OpportunityFact, StageFact } from './facts.js';
import { monthlyPlanGoal } from './goals.js';
import { indexStages, isOpen, probabilityOf } from './opportunities.js';
import type { Coverage } from './pipeline-schema.js';
import { sumMonths } from './results.js';
import type { OrgSettings } from './settings.js';

export interface CoverageOptions {
  opportunities: readonly OpportunityFact[];
  stages: readonly StageFact[];
  goals: readonly GoalFact[];
  months: readonly MonthFact[];
  closed: ClosedFact;
  asOf: Day;
  fiscalYearStartMonth: number;
  settings: Pick<
    OrgSettings,
    'coverageHorizonMonths' | 'coverageTarget' | 'coverageMode' | 'coverageBasis'
  >;
}

/** The target multiple: fixed, or 1 ÷ win rate (a 25% win rate needs 4× to land the goal). */
export function coverageTarget(options: {
  closed: ClosedFact;
  settings: CoverageOptions['settings'];
}): { target: number; source: 'fixed' | 'win-rate' } {
  const { closed, settings } = options;
  if (settings.coverageMode === 'win-rate' && closed.wonCount > 0) {
    return { target: (closed.wonCount + closed.lostCount) / closed.wonCount, source: 'win-rate' };
  }
  // No closed deal, or none won: 1 ÷ 0 is no target, so the fixed multiple stands in.
  return { target: settings.coverageTarget, source: 'fixed' };
}

/**
 * Pipeline coverage = open pipeline closing in the horizon ÷ the goal still to land in it.
 * The horizon runs from `asOf` to the end of the `coverageHorizonMonths`th month (the month
 * of `asOf` counts as the first). Opportunities dated before `asOf` are past due and not
 * counted (their dates are not credible; the past-due check covers them), nor are those
 * with no close date. When the horizon's goal is already met, coverage has no meaning:
 * status `goal-met`, values null, and the check passes.
 */
export function computeCoverage(options: CoverageOptions): Coverage {
  const { asOf, settings, fiscalYearStartMonth } = options;
  const stages = indexStages(options.stages);
  const months = Array.from({ length: settings.coverageHorizonMonths }, (_, i) =>
    addMonths(monthOf(asOf), i),
  );
  const end = `${addMonths(monthOf(asOf), settings.coverageHorizonMonths)}-01`;
  const inHorizon = options.opportunities.filter(
    (o) => isOpen(o, stages) && o.closeDate !== null && o.closeDate >= asOf && o.closeDate < end,
  );
  const value = inHorizon.reduce((sum, o) => sum + o.amount, 0);
  const weightedValue = Math.round(
    inHorizon.reduce((sum, o) => sum + o.amount * probabilityOf(o, stages), 0),
  );
  const monthlyGoals = months.map((month) =>
    monthlyPlanGoal({ goals: options.goals, month, fiscalYearStartMonth }),
  );
  const goal = monthlyGoals.every((g) => g !== null)
    ? Math.round(monthlyGoals.reduce<number>((sum, g) => sum + (g ?? 0), 0))
    : null;
  const closedInHorizon = sumMonths({
    months: options.months,
    monthKeys: months,
    metric: 'bookings',
  });
  const remainingGoal = goal === null ? null : goal - closedInHorizon;
  const status = remainingGoal === null ? 'no-goal' : remainingGoal <= 0 ? 'goal-met' : 'measured';
  const measured = status === 'measured' && remainingGoal !== null;
  const { target, source } = coverageTarget({ closed: options.closed, settings });
  return {
    horizon: { start: asOf, end, months },
    status,
    goal,
    closedInHorizon,
    remainingGoal,
    open: { count: inHorizon.length, value, weightedValue },
    raw: measured ? value / remainingGoal : null,
    weighted: measured ? weightedValue / remainingGoal : null,
    basis: settings.coverageBasis,
    target,
    targetSource: source,
  };
}
