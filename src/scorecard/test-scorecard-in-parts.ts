import { addDays, monthOf } from '../core/days.js';
import { lastPeriods, type Period, periodContaining, previousPeriod } from '../core/periods.js';
import { periodResult, yearToDate } from '../core/results.js';
import { buildScorecard, type Scorecard, type ScorecardMemberInput } from '../core/scorecard.js';
import type { Queryable } from '../db/database.js';
import { bookingsGoals, monthlyBookings, scorecardMembers } from '../db/facts/scorecard-queries.js';
import type { BuildTeamScorecardOptions } from './build-team-scorecard.js';

/*
 * buildTeamScorecard reads its facts in one statement and computes with bookingsResults; this
 * is the computation it replaced (two member queries, months and goals by `= any($2)`, then
 * periodResult and yearToDate per member), kept verbatim as the reference of
 * build-team-scorecard-equivalence.test.ts and of bench/profile-ranking.ts (before/after).
 */
export async function scorecardInParts(
  db: Queryable,
  options: BuildTeamScorecardOptions & { trendPeriods: number },
): Promise<Scorecard> {
  const { org, period } = options;
  const fy = org.fiscalYearStartMonth;
  const previous = previousPeriod(period, fy);
  const trendCount = options.trendPeriods;
  const periods =
    trendCount > 0 ? lastPeriods({ period, count: trendCount, fiscalYearStartMonth: fy }) : [];
  const first = periods[0] ?? previous;
  const asOf = options.today < period.end ? options.today : addDays(period.end, -1);
  const [current, before] = await Promise.all([
    scorecardMembers(db, { orgId: org.orgId, teamId: options.team?.id ?? null, ...period }),
    scorecardMembers(db, { orgId: org.orgId, teamId: options.team?.id ?? null, ...previous }),
  ]);
  const ids = [...new Set([...current, ...before].map((m) => m.personId))];
  const yearStart = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth: fy }).start;
  const firstDay = first.start < yearStart ? first.start : yearStart;
  const [months, goals] = await Promise.all([
    monthlyBookings(db, {
      orgId: org.orgId,
      personIds: ids,
      firstMonth: monthOf(firstDay),
      lastMonth: monthOf(addDays(period.end, -1)),
    }),
    bookingsGoals(db, { orgId: org.orgId, personIds: ids, from: firstDay, to: period.end }),
  ]);
  const wasMember = new Set(before.map((m) => m.personId));
  const members: ScorecardMemberInput[] = current.map((member) => {
    const facts = {
      months: months.get(member.personId) ?? [],
      goals: goals.get(member.personId) ?? [],
    };
    const result = (p: Period) => {
      const r = periodResult({ ...facts, period: p, asOf, proration: org.settings.proration });
      return { actual: r.actual, goal: r.goal?.target ?? null };
    };
    const ytd = yearToDate({
      ...facts,
      asOf,
      fiscalYearStartMonth: fy,
      proration: org.settings.proration,
    });
    return {
      personId: member.personId,
      name: member.name,
      current: result(period),
      previous: wasMember.has(member.personId) ? result(previous) : null,
      yearToDate: { actual: ytd.actual, goal: ytd.goal },
      trend: periods.map((p) => ({ periodKey: p.key, label: p.label, ...result(p) })),
    };
  });
  return buildScorecard({
    team: options.team ?? { id: org.orgId, name: org.name },
    period,
    currency: org.currency,
    members,
  });
}
