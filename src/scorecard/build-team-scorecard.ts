import { bookingsResults } from '../core/bookings-results.js';
import { addDays, monthOf } from '../core/days.js';
import { lastPeriods, type Period, periodContaining, previousPeriod } from '../core/periods.js';
import { buildScorecard, type Scorecard, type ScorecardMemberInput } from '../core/scorecard.js';
import type { Queryable } from '../db/database.js';
import type { OrgContext } from '../db/facts/org-context.js';
import { scorecardFacts } from '../db/facts/scorecard-queries.js';

/** How many periods the scorecard's trend shows for each kind of period. */
const trendLength = { month: 12, quarter: 8, year: 3 } as const;

export interface BuildTeamScorecardOptions {
  org: OrgContext;
  /** null: the whole organization (for leaders). */
  team: { id: string; name: string } | null;
  period: Period;
  /** Today, org-local: a period in progress is shown as far as it went. */
  today: string;
  /**
   * Periods in each row's trend. Default: 12 months, 8 quarters or 3 years for a team, none
   * for the whole organization, whose ranking of thousands of reps must stay fast.
   */
  trendPeriods?: number;
}

/** The publishable scorecard of a team (or the organization) for one period. */
export async function buildTeamScorecard(
  db: Queryable,
  options: BuildTeamScorecardOptions,
): Promise<Scorecard> {
  const { org, period } = options;
  const fy = org.fiscalYearStartMonth;
  const previous = previousPeriod(period, fy);
  const trendCount = options.trendPeriods ?? (options.team ? trendLength[period.kind] : 0);
  const periods =
    trendCount > 0 ? lastPeriods({ period, count: trendCount, fiscalYearStartMonth: fy }) : [];
  const first = periods[0] ?? previous;
  const asOf = options.today < period.end ? options.today : addDays(period.end, -1);

  // Year to date needs the months since the fiscal year of `asOf` began, maybe before the trend.
  const yearStart = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth: fy }).start;
  const firstDay = first.start < yearStart ? first.start : yearStart;
  const { members: rows, factsOf } = await scorecardFacts(db, {
    orgId: org.orgId,
    teamId: options.team?.id ?? null,
    period,
    previous,
    firstMonth: monthOf(firstDay),
    lastMonth: monthOf(addDays(period.end, -1)),
    goalsFrom: firstDay,
    goalsTo: period.end,
  });
  const resultsOf = bookingsResults({
    periods: [period, previous, ...periods],
    asOf,
    fiscalYearStartMonth: fy,
    proration: org.settings.proration,
  });
  // Each member's facts are decoded right before their results (see `factsOf`).
  const members: ScorecardMemberInput[] = rows
    .filter((member) => member.current)
    .map((member) => {
      const results = resultsOf(factsOf(member));
      return {
        personId: member.personId,
        name: member.name,
        current: results.of(period),
        previous: member.previous ? results.of(previous) : null,
        yearToDate: results.yearToDate,
        trend: periods.map((p) => ({ periodKey: p.key, label: p.label, ...results.of(p) })),
      };
    });
  return buildScorecard({
    team: options.team ?? { id: org.orgId, name: org.name },
    period,
    currency: org.currency,
    members,
  });
}
