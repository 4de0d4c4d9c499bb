import {
  type BookingsFacts,
  type BookingsResult,
  bookingsResults,
} from '../src/core/bookings-results.js';
import { addDays, monthOf } from '../src/core/days.js';
import { type Period, periodContaining, previousPeriod } from '../src/core/periods.js';
import { periodResult, yearToDate } from '../src/core/results.js';
import { buildScorecard, type Scorecard } from '../src/core/scorecard.js';
import type { Queryable } from '../src/db/database.js';
import type { OrgContext } from '../src/db/facts/org-context.js';
import {
  bookingsGoals,
  monthlyBookings,
  type ScorecardMemberFacts,
  scorecardFacts,
  scorecardMembers,
} from '../src/db/facts/scorecard-queries.js';
import { buildTeamScorecard } from '../src/scorecard/build-team-scorecard.js';
import { scorecardInParts } from '../src/scorecard/test-scorecard-in-parts.js';
import { type Latency, summarize, timed } from './measure/stats.js';

/*
 * The org-wide ranking (no trend) before and after, and each change alone: the facts in four
 * queries or in one statement, times the results per member with periodResult/yearToDate or
 * with bookingsResults. Sampled alternately in one run, so load drifts hit all alike.
 */
interface RankingOptions {
  org: OrgContext;
  period: Period;
  today: string;
}

function window(options: RankingOptions) {
  const fy = options.org.fiscalYearStartMonth;
  const previous = previousPeriod(options.period, fy);
  const asOf = options.today < options.period.end ? options.today : addDays(options.period.end, -1);
  const yearStart = periodContaining({ day: asOf, kind: 'year', fiscalYearStartMonth: fy }).start;
  const firstDay = previous.start < yearStart ? previous.start : yearStart;
  return { fy, previous, asOf, firstDay };
}

async function factsInParts(db: Queryable, o: RankingOptions): Promise<ScorecardMemberFacts[]> {
  const { previous, firstDay } = window(o);
  const [current, before] = await Promise.all([
    scorecardMembers(db, { orgId: o.org.orgId, teamId: null, ...o.period }),
    scorecardMembers(db, { orgId: o.org.orgId, teamId: null, ...previous }),
  ]);
  const ids = [...new Set([...current, ...before].map((m) => m.personId))];
  const [months, goals] = await Promise.all([
    monthlyBookings(db, {
      orgId: o.org.orgId,
      personIds: ids,
      firstMonth: monthOf(firstDay),
      lastMonth: monthOf(addDays(o.period.end, -1)),
    }),
    bookingsGoals(db, { orgId: o.org.orgId, personIds: ids, from: firstDay, to: o.period.end }),
  ]);
  const wasMember = new Set(before.map((m) => m.personId));
  return current.map((m) => ({
    personId: m.personId,
    name: m.name,
    current: true,
    previous: wasMember.has(m.personId),
    months: months.get(m.personId) ?? [],
    goals: goals.get(m.personId) ?? [],
  }));
}

async function factsInOne(db: Queryable, o: RankingOptions): Promise<ScorecardMemberFacts[]> {
  const { previous, firstDay } = window(o);
  // Every member decoded up front, as the other variants' facts come.
  const { members, factsOf } = await scorecardFacts(db, {
    orgId: o.org.orgId,
    teamId: null,
    period: o.period,
    previous,
    firstMonth: monthOf(firstDay),
    lastMonth: monthOf(addDays(o.period.end, -1)),
    goalsFrom: firstDay,
    goalsTo: o.period.end,
  });
  return members.map((member) => ({
    personId: member.personId,
    name: member.name,
    current: member.current,
    previous: member.previous,
    ...factsOf(member),
  }));
}

type Compute = (facts: BookingsFacts) => {
  current: BookingsResult;
  previous: BookingsResult;
  yearToDate: BookingsResult;
};

function perMember(o: RankingOptions): Compute {
  const { fy, previous, asOf } = window(o);
  const proration = o.org.settings.proration;
  return (bookings) => {
    // periodResult takes whole month facts; it reads only the bookings of them here.
    const facts = {
      goals: bookings.goals,
      months: bookings.months.map((m) => ({ ...m, createdValue: 0, createdCount: 0 })),
    };
    const result = (p: Period) => {
      const r = periodResult({ ...facts, period: p, asOf, proration });
      return { actual: r.actual, goal: r.goal?.target ?? null };
    };
    const ytd = yearToDate({ ...facts, asOf, fiscalYearStartMonth: fy, proration });
    return {
      current: result(o.period),
      previous: result(previous),
      yearToDate: { actual: ytd.actual, goal: ytd.goal },
    };
  };
}

function once(o: RankingOptions): Compute {
  const { fy, previous, asOf } = window(o);
  const resultsOf = bookingsResults({
    periods: [o.period, previous],
    asOf,
    fiscalYearStartMonth: fy,
    proration: o.org.settings.proration,
  });
  return (facts) => {
    const r = resultsOf(facts);
    return { current: r.of(o.period), previous: r.of(previous), yearToDate: r.yearToDate };
  };
}

async function ranking(
  db: Queryable,
  o: RankingOptions,
  load: typeof factsInOne,
  compute: (o: RankingOptions) => Compute,
): Promise<Scorecard> {
  const facts = await load(db, o);
  const results = compute(o);
  return buildScorecard({
    team: { id: o.org.orgId, name: o.org.name },
    period: o.period,
    currency: o.org.currency,
    members: facts
      .filter((m) => m.current)
      .map((m) => {
        const r = results(m);
        return {
          personId: m.personId,
          name: m.name,
          current: r.current,
          previous: m.previous ? r.previous : null,
          yearToDate: r.yearToDate,
          trend: [],
        };
      }),
  });
}

export async function compareRanking(
  db: Queryable,
  options: RankingOptions & { samples: number },
): Promise<{ same: boolean; ranked: number } & Record<string, Latency | boolean | number>> {
  const asked = { org: options.org, team: null, period: options.period, today: options.today };
  const variants: Record<string, () => Promise<Scorecard>> = {
    before: () => scorecardInParts(db, { ...asked, trendPeriods: 0 }),
    fourQueriesBookingsResults: () => ranking(db, options, factsInParts, once),
    oneStatementPerMember: () => ranking(db, options, factsInOne, perMember),
    after: () => buildTeamScorecard(db, asked),
  };
  const ms: Record<string, number[]> = Object.fromEntries(
    Object.keys(variants).map((name) => [name, []]),
  );
  const answers: Record<string, string> = {};
  for (let i = 0; i < 3; i += 1) for (const run of Object.values(variants)) await run();
  for (let i = 0; i < options.samples; i += 1)
    for (const [name, run] of Object.entries(variants)) {
      const t = await timed(run);
      ms[name]?.push(t.ms);
      answers[name] = JSON.stringify(t.value);
    }
  const same = new Set(Object.values(answers)).size === 1;
  const ranked = (JSON.parse(answers.after ?? '{"rows":[]}') as Scorecard).rows.length;
  return {
    same,
    ranked,
    ...Object.fromEntries(Object.entries(ms).map(([name, xs]) => [name, summarize(xs)])),
  };
}
